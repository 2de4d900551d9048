import { redactUrl } from './git-auth.js';
import { parseLsRemote, resolveRemoteRef, type RemoteRefs } from './git-refs.js';
import { cloneError, GitError, runGit, type GitOptions } from './git-runner.js';

/**
 * The remote's refs (`git ls-remote`), limited to `patterns` when given (ls-remote matches
 * them against ref tails). Network and auth failures throw {@link GitError}.
 */
export async function lsRemote(
  url: string,
  patterns: readonly string[],
  options: GitOptions,
): Promise<RemoteRefs> {
  try {
    return parseLsRemote(await runGit(['ls-remote', '--', url, ...patterns], { ...options, remote: url }));
  } catch (error) {
    throw cloneError(url, error);
  }
}

/** Whether the remote has no refs at all (a freshly created repository). */
export async function isEmptyRemote(url: string, options: GitOptions): Promise<boolean> {
  return (await lsRemote(url, [], options)).size === 0;
}

/**
 * The commit a branch points to on the remote, without cloning. Throws `not-found` for a
 * missing branch and `empty` for a repository with no refs.
 */
export async function remoteBranchHead(url: string, branch: string, options: GitOptions): Promise<string> {
  const ref = `refs/heads/${branch}`;
  const commit = resolveRemoteRef(await lsRemote(url, [ref], options), ref);
  if (commit) return commit;
  if (await isEmptyRemote(url, options))
    throw new GitError(`unable to clone '${redactUrl(url)}': remote repository is empty`, 'empty');
  throw new GitError(`unable to clone '${redactUrl(url)}': couldn't find remote ref "${ref}"`, 'not-found');
}
