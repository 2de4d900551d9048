import { existsSync, statSync } from 'node:fs';
import { Reason } from '../../api/meta.js';
import type { Artifact } from '../../api/meta.js';
import { errorMessage } from '../../runtime/errors.js';
import { downloadArtifact, unpackArtifact } from '../../sources/artifact-fetch.js';
import { secureJoin } from '../../sources/secure-join.js';
import { KsMessages } from './messages.js';
import { StepFailure, type RevisionContext } from './step-context.js';
import { REQUEUE_DEPENDENCY_MS } from './timing.js';

/** Downloads and unpacks the source artifact into `root` (ArtifactFailed on error). */
export async function fetchArtifact(ctx: RevisionContext, artifact: Artifact, root: string): Promise<void> {
  const url = ctx.deps.artifactUrl?.(artifact) ?? artifact.url;
  const data = await downloadArtifact({ ...artifact, url }, { timeoutMs: ctx.timeoutMs, signal: ctx.signal }).catch((error: unknown) => {
    const notFound = (error as { notFound?: boolean }).notFound;
    throw new StepFailure(Reason.ArtifactFailed, notFound ? KsMessages.artifactGone : errorMessage(error), notFound ? REQUEUE_DEPENDENCY_MS : undefined);
  });
  await unpackArtifact(data, root).catch((error: unknown) => {
    throw new StepFailure(Reason.ArtifactFailed, errorMessage(error));
  });
}

/** `spec.path` joined securely under the artifact root; it must be an existing directory. */
export function resolveBuildPath(root: string, path: string): string {
  let dir: string;
  try {
    dir = secureJoin(root, path);
  } catch (error) {
    throw new StepFailure(Reason.ArtifactFailed, errorMessage(error));
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new StepFailure(Reason.ArtifactFailed, KsMessages.pathNotFound(path.replace(/^\.\//, '')));
  }
  return dir;
}
