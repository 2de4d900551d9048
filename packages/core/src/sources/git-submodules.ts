import { cloneError, runGit, type GitOptions } from './git-runner.js';

/**
 * Where the credentials of `url` may also go for submodules: the same scheme, host and port.
 * Flux hands its auth to every submodule; we keep it on the parent's server. Pure.
 */
export function submoduleCredentialScope(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}/`;
}

/**
 * Checks out the submodules of the commit checked out at `dir`, recursively and shallowly, with
 * the parent's credentials (scoped to its server). Relative submodule URLs resolve against
 * `url`, as they do against a clone's origin. Only http(s) and ssh are allowed: the safe config
 * of every git call forbids `file://` and `ext::`, which would let `.gitmodules` read the disk.
 */
export async function updateSubmodules(dir: string, url: string, options: GitOptions): Promise<void> {
  await runGit(['config', 'remote.origin.url', url], { ...options, cwd: dir });
  try {
    await runGit(['submodule', 'update', '--init', '--recursive', '--depth=1', '--jobs=1', '--'], {
      ...options,
      cwd: dir,
      remote: submoduleCredentialScope(url),
    });
  } catch (error) {
    throw cloneError(url, error);
  }
}
