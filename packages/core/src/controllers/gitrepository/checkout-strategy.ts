import type { GitRepositorySpec } from '../../api/source-v1.js';
import {
  compareVersions,
  latestMatching,
  parseConstraints,
  parseTagVersion,
  satisfies,
  SemverError,
  type VersionCandidate,
} from '../../semver/index.js';
import { refNameProblem, remoteTags, resolveRemoteRef, type RemoteRefs } from '../../sources/git-refs.js';

/** How a GitRepository picks its commit, after Flux's precedence. */
export type CheckoutStrategy =
  | { kind: 'commit'; commit: string; branch?: string }
  | { kind: 'name'; name: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'semver'; range: string }
  | { kind: 'branch'; branch: string };

/** Flux's default branch when `spec.ref` names nothing. */
export const DEFAULT_BRANCH = 'master';

/**
 * The strategy in the order fluxcd/pkg gogit `Clone` tests the fields: commit, name, tag,
 * semver, then branch (default `master`). The API docs claim semver beats tag; the code
 * does not, and neither do we. Pure.
 */
export function checkoutStrategy(spec: Pick<GitRepositorySpec, 'ref'>): CheckoutStrategy {
  const ref = spec.ref ?? {};
  if (ref.commit)
    return { kind: 'commit', commit: ref.commit, ...(ref.branch ? { branch: ref.branch } : {}) };
  if (ref.name) return { kind: 'name', name: ref.name };
  if (ref.tag) return { kind: 'tag', tag: ref.tag };
  if (ref.semver) return { kind: 'semver', range: ref.semver };
  return { kind: 'branch', branch: ref.branch || DEFAULT_BRANCH };
}

/** Why the strategy cannot be handed to git safely (a malformed ref), or undefined. Pure. */
export function strategyProblem(strategy: CheckoutStrategy): string | undefined {
  const check = (label: string, name: string | undefined): string | undefined => {
    const problem = name === undefined ? undefined : refNameProblem(name);
    return problem ? `invalid ${label} '${name}': ${problem}` : undefined;
  };
  switch (strategy.kind) {
    case 'commit':
      return /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(strategy.commit)
        ? check('branch', strategy.branch)
        : `unable to resolve commit object for '${strategy.commit}': object not found`;
    case 'name':
      return check('ref', strategy.name);
    case 'tag':
      return check('tag', strategy.tag);
    case 'branch':
      return check('branch', strategy.branch);
    case 'semver':
      return undefined;
  }
}

/** `ls-remote` patterns that list just the refs a strategy needs. Pure. */
export function remotePatterns(strategy: CheckoutStrategy): string[] {
  switch (strategy.kind) {
    case 'commit':
      return strategy.branch ? [`refs/heads/${strategy.branch}`] : ['HEAD'];
    case 'name':
      return strategy.name.startsWith('refs/tags/')
        ? [strategy.name, `${strategy.name}^{}`]
        : [strategy.name];
    case 'tag':
      return [`refs/tags/${strategy.tag}`, `refs/tags/${strategy.tag}^{}`];
    case 'semver':
      return ['refs/tags/*'];
    case 'branch':
      return [`refs/heads/${strategy.branch}`];
  }
}

/** `<algo>:<hex>` for a Git object id, as fluxcd/pkg `Hash.Digest` writes it. Pure. */
export function commitDigest(commit: string): string {
  return `${commit.length === 40 ? 'sha1' : '<unknown>'}:${commit}`;
}

/**
 * Flux's revision string for a checked-out commit: `<branch>@sha1:<id>`, `<tag>@sha1:<id>`,
 * the full ref for `ref.name` (`refs/pull/1/head@sha1:<id>`), bare `sha1:<id>` for a commit
 * alone. `tag` is the tag a semver range selected. Pure.
 */
export function revisionFor(strategy: CheckoutStrategy, commit: string, tag?: string): string {
  const digest = commitDigest(commit);
  switch (strategy.kind) {
    case 'commit':
      return strategy.branch ? `${strategy.branch}@${digest}` : digest;
    case 'name':
      return `${strategy.name}@${digest}`;
    case 'tag':
      return `${strategy.tag}@${digest}`;
    case 'semver':
      return `${tag ?? strategy.range}@${digest}`;
    case 'branch':
      return `${strategy.branch}@${digest}`;
  }
}

/** A tag and the commit it points to (peeled). */
export interface TagCommit {
  tag: string;
  commit: string;
}

/** The outcome of reading remote refs for a strategy. */
export type RemoteResolution =
  | {
      ok: true;
      commit: string;
      tag?: string;
      revision: string;
      fetch: readonly string[];
      fullHistory?: boolean;
      tied?: readonly TagCommit[];
    }
  | { ok: false; reason: 'not-found' | 'invalid'; message: string };

/**
 * The highest tag satisfying the range among tags that are versions (three dot parts, optional
 * `v`), plus every tag tied with it (equal but for build metadata), in tag-name order. Throws
 * {@link SemverError} for an invalid range. Pure.
 */
export function semverCandidates(range: string, tags: ReadonlyMap<string, string>): TagCommit[] {
  const constraints = parseConstraints(range);
  const candidates: VersionCandidate<TagCommit>[] = [];
  for (const [tag, commit] of [...tags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const version = parseTagVersion(tag);
    if (version) candidates.push({ item: { tag, commit }, version });
  }
  const best = latestMatching(constraints, candidates);
  if (!best) return [];
  return candidates
    .filter((c) => compareVersions(c.version, best.version) === 0 && satisfies(constraints, c.version))
    .map((c) => c.item);
}

function semverResolution(strategy: { kind: 'semver'; range: string }, refs: RemoteRefs): RemoteResolution {
  let tied: TagCommit[];
  try {
    tied = semverCandidates(strategy.range, remoteTags(refs));
  } catch (error) {
    const detail = error instanceof SemverError ? error.message : String(error);
    return { ok: false, reason: 'invalid', message: `semver parse error: ${detail}` };
  }
  const best = tied[tied.length - 1];
  if (!best)
    return { ok: false, reason: 'not-found', message: `no match found for semver: ${strategy.range}` };
  const fetch = tied.map((t) => `refs/tags/${t.tag}`);
  return {
    ok: true,
    commit: best.commit,
    tag: best.tag,
    revision: revisionFor(strategy, best.commit, best.tag),
    fetch,
    tied,
  };
}

/**
 * What to fetch for a strategy, given the remote's refs: the expected commit and revision (for
 * the skip-clone check), the refs or ids to fetch, or why the ref cannot be found. Pure.
 */
export function resolveRemote(strategy: CheckoutStrategy, refs: RemoteRefs, url: string): RemoteResolution {
  const missing = (ref: string): RemoteResolution => ({
    ok: false,
    reason: 'not-found',
    message: `unable to clone '${url}': couldn't find remote ref "${ref}"`,
  });
  switch (strategy.kind) {
    case 'commit': {
      const branchRef = strategy.branch ? `refs/heads/${strategy.branch}` : undefined;
      if (branchRef && !refs.has(branchRef)) return missing(branchRef);
      const revision = revisionFor(strategy, strategy.commit);
      return {
        ok: true,
        commit: strategy.commit,
        revision,
        fetch: branchRef ? [branchRef] : [strategy.commit],
        fullHistory: !!branchRef,
      };
    }
    case 'name': {
      const commit = resolveRemoteRef(refs, strategy.name);
      if (!commit)
        return {
          ok: false,
          reason: 'not-found',
          message: `unable to resolve ref '${strategy.name}' to a specific commit`,
        };
      return { ok: true, commit, revision: revisionFor(strategy, commit), fetch: [strategy.name] };
    }
    case 'tag': {
      const ref = `refs/tags/${strategy.tag}`;
      const commit = resolveRemoteRef(refs, ref);
      return commit
        ? { ok: true, commit, revision: revisionFor(strategy, commit), fetch: [ref] }
        : missing(ref);
    }
    case 'semver':
      return semverResolution(strategy, refs);
    case 'branch': {
      const ref = `refs/heads/${strategy.branch}`;
      const commit = refs.get(ref);
      return commit
        ? { ok: true, commit, revision: revisionFor(strategy, commit), fetch: [ref] }
        : missing(ref);
    }
  }
}
