import { existsSync, statSync } from 'node:fs';
import { Reason } from '../../api/meta.js';
import type { Artifact } from '../../api/meta.js';
import { errorMessage } from '../../runtime/errors.js';
import { downloadArtifact } from '../../sources/artifact-fetch.js';
import { copyTree, removeTree, type ArtifactTrees } from './artifact-trees.js';
import { kustomizationNeedsRewrite } from '../../render/kustomization-file.js';
import { secureJoin } from '../../sources/secure-join.js';
import { KsMessages } from './messages.js';
import { StepFailure, type RevisionContext } from './step-context.js';
import { REQUEUE_DEPENDENCY_MS } from './timing.js';

/** A tree to build from: the shared artifact itself, or a private copy; `done()` releases it. */
export interface BuildTree {
  root: string;
  done(): Promise<void>;
}

/**
 * The source artifact's files to build from (ArtifactFailed on error). The download (with its
 * digest check) and unpacking happen once per artifact. When the build will write nothing (the
 * path has its own kustomization file and the spec layers nothing into it), it reads the shared
 * tree directly; otherwise it gets a private hard-linked copy.
 */
export async function fetchArtifact(
  ctx: RevisionContext,
  artifact: Artifact,
  trees: ArtifactTrees,
  scratch: () => Promise<string>,
): Promise<BuildTree> {
  const url = ctx.deps.artifactUrl?.(artifact) ?? artifact.url;
  const download = (): Promise<Buffer> =>
    downloadArtifact({ ...artifact, url }, { timeoutMs: ctx.timeoutMs, signal: ctx.signal }).catch(
      (error: unknown) => {
        const notFound = (error as { notFound?: boolean }).notFound;
        throw new StepFailure(
          Reason.ArtifactFailed,
          notFound ? KsMessages.artifactGone : errorMessage(error),
          notFound ? REQUEUE_DEPENDENCY_MS : undefined,
        );
      },
    );
  const asArtifactFailure = (error: unknown): never => {
    throw error instanceof StepFailure ? error : new StepFailure(Reason.ArtifactFailed, errorMessage(error));
  };
  const shared = await trees.lease(artifact.digest, download).catch(asArtifactFailure);
  try {
    const dir = resolveBuildPath(shared.dir, ctx.obj.spec.path ?? '');
    // Decryption writes plaintext files: never into the shared tree, always into a private copy.
    const writes = ctx.obj.spec.decryption !== undefined;
    if (!writes && !(await kustomizationNeedsRewrite(dir, ctx.obj.spec).catch(() => true)))
      return { root: shared.dir, done: shared.release };
    const root = await scratch();
    await copyTree(shared.dir, root).catch(asArtifactFailure);
    await shared.release();
    return { root, done: () => removeTree(root) };
  } catch (error) {
    await shared.release();
    throw error;
  }
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
