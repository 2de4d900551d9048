import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { Artifact } from '../../api/meta.js';
import {
  GitRepositoryReason,
  SOURCE_API_VERSION,
  type GitRepository,
  type GitRepositoryInclude,
} from '../../api/source-v1.js';
import type { Resources } from '../../kube/resources.js';
import { errorMessage } from '../../runtime/errors.js';
import { artifactPath, sha256Digest, type ArtifactStore } from '../../sources/artifact-store.js';
import { readTarGz } from '../../sources/tar-reader.js';
import type { FluxObject } from '../shared/flux-object.js';

/** An include that cannot be used yet; `reason` is source-controller's (`NotFound`, `NoArtifact`). */
export class IncludeUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'IncludeUnavailableError';
  }
}

/** Copying an include failed; `reason` is `CopyFailure` or `IllegalPath`. */
export class IncludeCopyError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'IncludeCopyError';
  }
}

/** `toPath`, defaulting to the included repository's name (Flux `GetToPath`). Pure. */
export function includeToPath(include: GitRepositoryInclude): string {
  return include.toPath || include.repository.name;
}

/**
 * A path made relative and kept inside the root lexically, the way securejoin clamps it:
 * `../../x` becomes `x`, `/a/./b/` becomes `a/b`, `./` becomes `` (the root itself). Pure.
 */
export function clampRelative(path: string): string {
  return posix.normalize(`/${path}`).replace(/^\/+/, '').replace(/\/+$/, '');
}

/**
 * The artifacts of `spec.include`, in order (source-controller `fetchIncludes`): each named
 * GitRepository must exist in the same namespace and have an artifact.
 */
export async function fetchIncludes(
  resources: Resources,
  namespace: string,
  includes: readonly GitRepositoryInclude[],
): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  for (const include of includes) {
    const name = include.repository.name;
    const dep = await resources.get<GitRepository & FluxObject>({
      apiVersion: SOURCE_API_VERSION,
      kind: 'GitRepository',
      namespace,
      name,
    });
    if (!dep) {
      const detail = `gitrepositories.source.toolkit.fluxcd.io "${name}" not found`;
      throw new IncludeUnavailableError(
        `could not get resource for include '${name}': ${detail}`,
        GitRepositoryReason.NotFound,
      );
    }
    const artifact = dep.status?.artifact;
    if (!artifact)
      throw new IncludeUnavailableError(
        `no artifact available for include '${name}'`,
        GitRepositoryReason.NoArtifact,
      );
    artifacts.push(structuredClone(artifact));
  }
  return artifacts;
}

/** Refuses a destination that exists (other than as an empty directory) or that a symlink leads to. */
async function assertFreeDestination(root: string, to: string): Promise<void> {
  const parts = to.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const rel = parts.slice(0, i).join('/');
    const info = await lstat(join(root, rel)).catch(() => undefined);
    if (!info) return;
    if (info.isSymbolicLink()) throw new Error(`'${rel}' is a symlink`);
    if (i === parts.length && !(info.isDirectory() && (await readdir(join(root, rel))).length === 0))
      throw new Error(`'${to}' already exists`);
    if (i < parts.length && !info.isDirectory()) throw new Error(`'${rel}' is not a directory`);
  }
}

/**
 * The included artifact's bytes, read from our own storage: the path must be that GitRepository's
 * own storage folder (a status written by someone else cannot point at another tenant's artifact)
 * and the bytes must still match the digest.
 */
async function readIncludedArtifact(
  store: ArtifactStore,
  artifact: Artifact,
  namespace: string,
  name: string,
): Promise<Buffer> {
  const folder = `${artifactPath('GitRepository', namespace, name, '')}`;
  if (!artifact.path.startsWith(folder) || artifact.path.slice(folder.length).includes('/')) {
    throw new Error(
      `artifact path '${artifact.path}' is not in the storage of GitRepository '${namespace}/${name}'`,
    );
  }
  const data = await readFile(store.resolve(artifact.path));
  if (sha256Digest(data) !== artifact.digest)
    throw new Error(`artifact '${artifact.path}' does not match its digest ${artifact.digest}`);
  return data;
}

/** Writes the part of one included artifact below `from` into `root/to`. */
async function copyArtifact(data: Buffer, from: string, root: string, to: string): Promise<void> {
  const entries = readTarGz(data);
  const selected = entries.filter((e) => from === '' || e.path === from || e.path.startsWith(`${from}/`));
  if (selected.length === 0) throw new Error(`'${from}' does not exist in the artifact`);
  await assertFreeDestination(root, to);
  for (const entry of selected) {
    const rel = from === '' ? entry.path : entry.path === from ? '' : entry.path.slice(from.length + 1);
    const target = join(root, to, rel);
    if (entry.type === 'dir') {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    // 'wx': never follow or replace anything already there.
    await writeFile(target, entry.data, { flag: 'wx', mode: entry.mode & 0o100 ? 0o700 : 0o600 });
  }
}

/**
 * Copies each included artifact's `fromPath` (default: all of it) to `toPath` (default: the
 * repository name) inside the checkout at `root` (source-controller `reconcileInclude`). Paths
 * are clamped inside the root; a destination that already exists, or that a symlink in the
 * checkout leads to, is refused.
 */
export async function copyIncludes(
  store: ArtifactStore,
  root: string,
  namespace: string,
  includes: readonly GitRepositoryInclude[],
  artifacts: readonly Artifact[],
): Promise<void> {
  for (const [i, include] of includes.entries()) {
    const name = include.repository.name;
    const to = clampRelative(includeToPath(include));
    const artifact = artifacts[i];
    if (to === '')
      throw new IncludeCopyError(
        `path calculation for include '${name}' failed: toPath resolves to the repository root`,
        GitRepositoryReason.IllegalPath,
      );
    if (!artifact)
      throw new IncludeCopyError(`no artifact for include '${name}'`, GitRepositoryReason.CopyFailure);
    try {
      const data = await readIncludedArtifact(store, artifact, namespace, name);
      await copyArtifact(data, clampRelative(include.fromPath ?? ''), root, to);
    } catch (error) {
      const message = `failed to copy '${name}' include from ${include.fromPath ?? ''} to ${includeToPath(include)}: ${errorMessage(error)}`;
      throw new IncludeCopyError(message, GitRepositoryReason.CopyFailure);
    }
  }
}
