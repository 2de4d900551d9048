import { checkoutIn, commitTimes, fetchInto, hasCommit, type Checkout } from '../../sources/git-checkout.js';
import { runGit, GitError, type GitOptions } from '../../sources/git-runner.js';
import { enableSparseCheckout } from '../../sources/git-sparse.js';
import { updateSubmodules } from '../../sources/git-submodules.js';
import {
  revisionFor,
  type CheckoutStrategy,
  type RemoteResolution,
  type TagCommit,
} from './checkout-strategy.js';

/** A finished checkout and the revision Flux would report for it. */
export interface CheckedOut {
  checkout: Checkout;
  revision: string;
}

type Resolved = Extract<RemoteResolution, { ok: true }>;

const missingCommit = (commit: string): GitError =>
  new GitError(`unable to resolve commit object for '${commit}': object not found`, 'not-found');

/**
 * Among tags tied on version, the one whose commit is newest (as Flux orders them by
 * committer time); on equal times the later tag name wins. Pure.
 */
export function newestTag(
  tied: readonly TagCommit[],
  times: ReadonlyMap<string, number>,
): TagCommit | undefined {
  let best: TagCommit | undefined;
  for (const t of tied) {
    if (!best || (times.get(t.commit) ?? 0) >= (times.get(best.commit) ?? 0)) best = t;
  }
  return best;
}

/**
 * The refspec for a wanted ref: tags land in a local `refs/tags/<name>` too, so the tag object
 * can be read afterwards (signature verification); other wants stay in FETCH_HEAD only. Pure.
 */
export function fetchRefspec(want: string): string {
  return want.startsWith('refs/tags/') ? `+${want}:${want}` : want;
}

/** A commit alone: fetch it by id; servers that refuse unadvertised ids get a full fetch. */
async function checkoutCommitOnly(
  url: string,
  dir: string,
  commit: string,
  git: GitOptions,
): Promise<Checkout> {
  try {
    await fetchInto(dir, url, [commit], false, git);
  } catch (error) {
    if (error instanceof GitError && error.kind === 'auth') throw error;
    await fetchInto(dir, url, ['+refs/heads/*:refs/remotes/origin/*'], true, git);
  }
  if (!(await hasCommit(dir, commit, git))) throw missingCommit(commit);
  return checkoutIn(dir, commit, git);
}

async function checkoutTied(
  url: string,
  dir: string,
  remote: Resolved,
  git: GitOptions,
): Promise<{ checkout: Checkout; tag?: string }> {
  await fetchInto(dir, url, remote.fetch.map(fetchRefspec), false, git);
  const tied = remote.tied ?? [];
  const winner = newestTag(tied, await commitTimes(dir, [...new Set(tied.map((t) => t.commit))], git));
  if (!winner) throw missingCommit(remote.commit);
  return { checkout: await checkoutIn(dir, winner.commit, git), tag: winner.tag };
}

/** What of the commit's tree to check out: `spec.sparseCheckout` and `spec.recurseSubmodules`. */
export interface CheckoutContent {
  sparseCheckout?: readonly string[];
  recurseSubmodules?: boolean;
}

/**
 * Checks out what `remote` resolved into a new repository at `dir`: shallow fetches of the
 * ref (or commit id) where possible; the whole branch history for `commit` + `branch` (the
 * commit must be on that branch, as Flux requires). Only the sparse directories are written
 * when there are any; submodules follow, shallow, when asked for.
 */
export async function checkoutResolved(
  url: string,
  dir: string,
  strategy: CheckoutStrategy,
  remote: Resolved,
  git: GitOptions,
  content: CheckoutContent = {},
): Promise<CheckedOut> {
  await runGit(['init', '-q', '--template=', '--', dir], git);
  if (content.sparseCheckout?.length) await enableSparseCheckout(dir, content.sparseCheckout, git);
  let checkout: Checkout;
  let tag = remote.tag;
  if (strategy.kind === 'commit' && !strategy.branch) {
    checkout = await checkoutCommitOnly(url, dir, strategy.commit, git);
  } else if (strategy.kind === 'commit') {
    await fetchInto(dir, url, remote.fetch, true, git);
    if (!(await hasCommit(dir, strategy.commit, git))) throw missingCommit(strategy.commit);
    checkout = await checkoutIn(dir, strategy.commit, git);
  } else if (strategy.kind === 'semver' && (remote.tied?.length ?? 0) > 1) {
    ({ checkout, tag } = await checkoutTied(url, dir, remote, git));
  } else {
    await fetchInto(dir, url, remote.fetch.map(fetchRefspec), false, git);
    checkout = await checkoutIn(dir, 'FETCH_HEAD', git);
  }
  if (content.recurseSubmodules) await updateSubmodules(dir, url, git);
  return { checkout, revision: revisionFor(strategy, checkout.commit, tag) };
}
