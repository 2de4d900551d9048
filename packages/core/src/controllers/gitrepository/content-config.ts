import type { Artifact } from '../../api/meta.js';
import type { GitRepositoryInclude, GitRepositorySpec, GitRepositoryStatus } from '../../api/source-v1.js';

/** Whether two include entries are the same (name, fromPath, toPath as written). Pure. */
export function includeEqual(a: GitRepositoryInclude, b: GitRepositoryInclude | undefined): boolean {
  return !!b && a.repository.name === b.repository.name && (a.fromPath ?? '') === (b.fromPath ?? '') && (a.toPath ?? '') === (b.toPath ?? '');
}

/** Whether the current include artifacts differ from the ones recorded in status (Flux `artifactSet.Diff`). Pure. */
export function includesDiffer(current: readonly Artifact[], recorded: readonly Artifact[] | undefined): boolean {
  const before = recorded ?? [];
  if (current.length !== before.length) return true;
  return current.some((a, i) => a.revision !== before[i]?.revision || a.digest !== before[i]?.digest);
}

/**
 * source-controller's `gitContentConfigChanged`: does the artifact need rebuilding even when
 * the commit is the same? Yes when `spec.ignore` differs from `status.observedIgnore` (absent
 * and empty are different), when `spec.include` differs from `status.observedInclude`, or when
 * an included artifact's revision or digest moved. Pure.
 */
export function contentConfigChanged(
  spec: Pick<GitRepositorySpec, 'ignore' | 'include'>,
  status: GitRepositoryStatus | undefined,
  includes: readonly Artifact[],
): boolean {
  if (spec.ignore !== status?.observedIgnore) return true;
  const wanted = spec.include ?? [];
  const observed = status?.observedInclude ?? [];
  const recorded = status?.includedArtifacts ?? [];
  if (wanted.length !== observed.length || wanted.length !== includes.length || wanted.length !== recorded.length) return true;
  return wanted.some((incl, i) => {
    const now = includes[i];
    const then = recorded[i];
    return !includeEqual(incl, observed[i]) || !now || !then || now.revision !== then.revision || now.digest !== then.digest;
  });
}
