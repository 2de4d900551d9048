import { existsSync, statSync } from 'node:fs';
import { Reason } from '../../api/meta.js';
import type { Artifact } from '../../api/meta.js';
import { errorMessage } from '../../runtime/errors.js';
import { downloadArtifact } from '../../sources/artifact-fetch.js';
import type { ArtifactTrees } from './artifact-trees.js';
import { secureJoin } from '../../sources/secure-join.js';
import { KsMessages } from './messages.js';
import { StepFailure, type RevisionContext } from './step-context.js';
import { REQUEUE_DEPENDENCY_MS } from './timing.js';

/**
 * Puts the source artifact's files into `root` (ArtifactFailed on error). The download (with its
 * digest check) and unpacking happen once per artifact; `root` gets a private copy.
 */
export async function fetchArtifact(ctx: RevisionContext, artifact: Artifact, root: string, trees: ArtifactTrees): Promise<void> {
  const url = ctx.deps.artifactUrl?.(artifact) ?? artifact.url;
  const download = (): Promise<Buffer> =>
    downloadArtifact({ ...artifact, url }, { timeoutMs: ctx.timeoutMs, signal: ctx.signal }).catch((error: unknown) => {
      const notFound = (error as { notFound?: boolean }).notFound;
      throw new StepFailure(Reason.ArtifactFailed, notFound ? KsMessages.artifactGone : errorMessage(error), notFound ? REQUEUE_DEPENDENCY_MS : undefined);
    });
  await trees.checkout(artifact.digest, download, root).catch((error: unknown) => {
    throw error instanceof StepFailure ? error : new StepFailure(Reason.ArtifactFailed, errorMessage(error));
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
