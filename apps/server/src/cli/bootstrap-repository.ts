import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  cloneBranch,
  commitChanges,
  GitError,
  prepareGitTransport,
  pushRefspecs,
  remoteBranchHead,
  runGit,
  type GitCredentials,
  type GitOptions,
} from '@tideline/core';
import {
  isManifestFile,
  kustomizationManifest,
  syncManifest,
  syncManifestPath,
  type SyncOptions,
} from './bootstrap-manifests.js';

/** How bootstrap reaches the repository: HTTP credentials, or an SSH identity with the host's key. */
export interface RepositoryAuth {
  credentials?: GitCredentials;
  ssh?: { identity: string; knownHosts: string; password?: string };
}

/** A prepared git client for one repository; `dispose` removes the key files it wrote. */
export interface RepositoryClient {
  url: string;
  branch: string;
  git: GitOptions;
  dispose(): Promise<void>;
}

/** Prepares git for the URL: credentials as a URL-scoped header, an SSH key in a 0600 file. */
export async function openRepository(
  workDir: string,
  target: { url: string; branch: string },
  auth: RepositoryAuth,
  timeoutMs: number,
): Promise<RepositoryClient> {
  const transport = auth.ssh
    ? await prepareGitTransport(workDir, target.url, { ssh: auth.ssh }, { connectTimeoutSeconds: 30 })
    : undefined;
  return {
    ...target,
    git: {
      timeoutMs,
      ...(auth.credentials ? { credentials: auth.credentials } : {}),
      ...(transport ? { transport } : {}),
    },
    dispose: async () => transport?.dispose(),
  };
}

/**
 * Clones the branch into `dir` (which must not exist), or, as flux's go-git client does when
 * the repository is empty or has no such branch, starts a new repository on that branch.
 * Authentication and network failures throw flux's `unable to clone '<url>': …`.
 */
export async function cloneOrInit(repo: RepositoryClient, dir: string): Promise<void> {
  try {
    await remoteBranchHead(repo.url, repo.branch, repo.git);
  } catch (error) {
    if (!(error instanceof GitError) || (error.kind !== 'empty' && error.kind !== 'not-found')) throw error;
    await mkdir(dir, { recursive: true });
    await runGit(['init', '-q', '--', dir], repo.git);
    await runGit(['symbolic-ref', 'HEAD', `refs/heads/${repo.branch}`], { ...repo.git, cwd: dir });
    return;
  }
  await cloneBranch(repo.url, repo.branch, dir, repo.git);
}

/**
 * Writes `gotk-sync.yaml` and, when the directory has none, a `kustomization.yaml` listing its
 * manifests (an existing one is kept, as flux keeps it). Resolves the kustomization file's path.
 */
export async function writeSyncFiles(dir: string, options: SyncOptions): Promise<string> {
  const syncPath = join(dir, syncManifestPath(options));
  const syncDir = dirname(syncPath);
  await mkdir(syncDir, { recursive: true });
  await writeFile(syncPath, syncManifest(options));
  const kfile = join(syncDir, 'kustomization.yaml');
  const existing = await readFile(kfile, 'utf8').catch(() => undefined);
  if (existing === undefined) {
    const entries = await readdir(syncDir, { withFileTypes: true });
    const files = entries.filter((e) => e.isFile() && isManifestFile(e.name)).map((e) => e.name);
    await writeFile(kfile, kustomizationManifest(files));
  }
  return kfile;
}

/** Commits every change as the author; undefined when nothing changed (flux's `ErrNoStagedFiles`). */
export async function commitSync(
  repo: RepositoryClient,
  dir: string,
  commit: { authorName: string; authorEmail: string; message: string },
): Promise<string | undefined> {
  return commitChanges(dir, { ...commit, sign: false }, repo.git);
}

/** Whether a push failed because the branch moved on the remote (flux retries from a fresh clone). */
export function isNonFastForward(error: unknown): boolean {
  return error instanceof GitError && error.message.includes('non-fast-forward update');
}

/** Pushes the commit to the branch (never forced: another commit there is never overwritten). */
export async function pushSync(repo: RepositoryClient, dir: string): Promise<void> {
  await pushRefspecs(dir, repo.url, [`HEAD:refs/heads/${repo.branch}`], { force: false }, repo.git);
}
