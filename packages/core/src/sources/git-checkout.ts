import { cloneError, GitError, runGit, type GitOptions } from './git-runner.js';

/** A checked-out commit. */
export interface Checkout {
  commit: string;
  subject: string;
  /** Committer time, seconds since the epoch. */
  committedAt?: number;
}

/** What to fetch and what to check out afterwards. */
export interface CheckoutPlan {
  /** Commit ids or refs to fetch (`refs/heads/main`, `refs/tags/v1`, a 40-hex id). */
  wants: readonly string[];
  /** The commit to check out: a 40-hex id, or `FETCH_HEAD` for the first want. */
  checkout: string;
  /** Fetch the whole history of `wants` rather than their tips (needed to find an older commit). */
  fullHistory?: boolean;
}

/** Creates an empty repository at `dir` (which must not exist), without templates or hooks. */
async function initRepository(dir: string, options: GitOptions): Promise<void> {
  await runGit(['init', '-q', '--template=', '--', dir], options);
}

/** Fetches into an initialized repository. Failures are worded `unable to clone '<url>': …`. */
export async function fetchInto(
  dir: string,
  url: string,
  wants: readonly string[],
  fullHistory: boolean,
  options: GitOptions,
): Promise<void> {
  const depth = fullHistory ? [] : ['--depth=1'];
  try {
    await runGit(['fetch', '-q', '--no-tags', ...depth, '--', url, ...wants], {
      ...options,
      cwd: dir,
      remote: url,
    });
  } catch (error) {
    throw cloneError(url, error);
  }
}

/** Reads id, committer time and subject of a commit in the repository at `dir`. */
export async function readCommit(dir: string, rev: string, options: GitOptions): Promise<Checkout> {
  const out = await runGit(['log', '-1', '--format=%H%n%ct%n%s', rev, '--'], { ...options, cwd: dir });
  const [commit = '', time = '', subject = ''] = out.split('\n');
  return { commit, subject, committedAt: Number(time) };
}

/** Whether a commit object is present in the repository at `dir`. */
export async function hasCommit(dir: string, commit: string, options: GitOptions): Promise<boolean> {
  try {
    await runGit(['cat-file', '-e', `${commit}^{commit}`], { ...options, cwd: dir });
    return true;
  } catch {
    return false;
  }
}

/** Checks out a commit (detached, forced) in the repository at `dir` and describes it. */
export async function checkoutIn(dir: string, commit: string, options: GitOptions): Promise<Checkout> {
  await runGit(['checkout', '-q', '--force', '--detach', commit, '--'], { ...options, cwd: dir });
  return readCommit(dir, 'HEAD', options);
}

/**
 * Makes a new repository at `dir`, fetches `plan.wants` from `url` (shallow unless
 * `fullHistory`) and checks out `plan.checkout`. The work tree is then the source to pack.
 */
export async function checkoutCommits(
  url: string,
  dir: string,
  plan: CheckoutPlan,
  options: GitOptions,
): Promise<Checkout> {
  await initRepository(dir, options);
  await fetchInto(dir, url, plan.wants, plan.fullHistory ?? false, options);
  return checkoutIn(dir, plan.checkout, options);
}

/** Shallow-clones one branch into `dir` (which must not exist) and reads its HEAD. */
export async function cloneBranch(
  url: string,
  branch: string,
  dir: string,
  options: GitOptions,
): Promise<Checkout> {
  try {
    return await checkoutCommits(
      url,
      dir,
      { wants: [`refs/heads/${branch}`], checkout: 'FETCH_HEAD' },
      options,
    );
  } catch (error) {
    throw error instanceof GitError ? error : cloneError(url, error);
  }
}

/** Committer times (seconds) of commits already fetched into `dir`, by commit id. */
export async function commitTimes(
  dir: string,
  commits: readonly string[],
  options: GitOptions,
): Promise<Map<string, number>> {
  const out = await runGit(['log', '--no-walk=unsorted', '--format=%H %ct', ...commits, '--'], {
    ...options,
    cwd: dir,
  });
  const times = new Map<string, number>();
  for (const line of out.split('\n')) {
    const [id, time] = line.split(' ');
    if (id && time) times.set(id, Number(time));
  }
  return times;
}
