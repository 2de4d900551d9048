import type { Artifact } from '../../api/meta.js';
import type { GitRepositoryInclude, GitRepositorySpec, GitRepositoryStatus } from '../../api/source-v1.js';

/** Whether two include entries are the same (name, fromPath, toPath as written). Pure. */
export function includeEqual(a: GitRepositoryInclude, b: GitRepositoryInclude | undefined): boolean {
  return (
    !!b &&
    a.repository.name === b.repository.name &&
    (a.fromPath ?? '') === (b.fromPath ?? '') &&
    (a.toPath ?? '') === (b.toPath ?? '')
  );
}

/** Whether the current include artifacts differ from the ones recorded in status (Flux `artifactSet.Diff`). Pure. */
export function includesDiffer(
  current: readonly Artifact[],
  recorded: readonly Artifact[] | undefined,
): boolean {
  const before = recorded ?? [];
  if (current.length !== before.length) return true;
  return current.some((a, i) => a.revision !== before[i]?.revision || a.digest !== before[i]?.digest);
}

/** Flux's `GetMode`: a mode it does not know (or none) means `HEAD`. Pure. */
export function verificationMode(verify: GitRepositorySpec['verify']): 'HEAD' | 'Tag' | 'TagAndHEAD' {
  const mode = verify?.mode;
  return mode === 'Tag' || mode === 'TagAndHEAD' || mode === 'HEAD' ? mode : 'HEAD';
}

/**
 * source-controller's `requiresVerification`: verify again (so rebuild) when nothing was
 * verified yet, or when a tag-only verification must now cover HEAD, or the reverse. Pure.
 */
export function requiresVerification(
  verify: GitRepositorySpec['verify'],
  observedMode: string | undefined,
): boolean {
  if (!verify) return false;
  if (observedMode === undefined) return true;
  const mode = verificationMode(verify);
  return (observedMode === 'Tag' && mode !== 'Tag') || (observedMode === 'HEAD' && mode !== 'HEAD');
}

/**
 * source-controller's `gitContentConfigChanged`: does the artifact need rebuilding even when
 * the commit is the same? Yes when `spec.ignore` differs from `status.observedIgnore` (absent
 * and empty are different), `recurseSubmodules` or `sparseCheckout` differ from what was
 * observed, the source must be verified again, `spec.include` differs from
 * `status.observedInclude`, or an included artifact's revision or digest moved. Pure.
 */
export function contentConfigChanged(
  spec: Pick<GitRepositorySpec, 'ignore' | 'include' | 'recurseSubmodules' | 'sparseCheckout' | 'verify'>,
  status: GitRepositoryStatus | undefined,
  includes: readonly Artifact[],
): boolean {
  if (spec.ignore !== status?.observedIgnore) return true;
  if ((spec.recurseSubmodules ?? false) !== (status?.observedRecurseSubmodules ?? false)) return true;
  if (requiresVerification(spec.verify, status?.sourceVerificationMode)) return true;
  const sparse = spec.sparseCheckout ?? [];
  const observedSparse = status?.observedSparseCheckout ?? [];
  if (sparse.length !== observedSparse.length || sparse.some((dir, i) => dir !== observedSparse[i]))
    return true;
  const wanted = spec.include ?? [];
  const observed = status?.observedInclude ?? [];
  const recorded = status?.includedArtifacts ?? [];
  if (
    wanted.length !== observed.length ||
    wanted.length !== includes.length ||
    wanted.length !== recorded.length
  )
    return true;
  return wanted.some((incl, i) => {
    const now = includes[i];
    const then = recorded[i];
    return (
      !includeEqual(incl, observed[i]) ||
      !now ||
      !then ||
      now.revision !== then.revision ||
      now.digest !== then.digest
    );
  });
}
