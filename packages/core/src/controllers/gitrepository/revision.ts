import type { GitRepositorySpec } from '../../api/source-v1.js';

/** The branch a GitRepository follows: `ref.branch`, or Flux's default `master`. Pure. */
export function targetBranch(spec: GitRepositorySpec): string {
  return spec.ref?.branch || 'master';
}

/** Flux's revision string for a branch checkout: `<branch>@sha1:<commit>`. Pure. */
export function branchRevision(branch: string, commit: string): string {
  return `${branch}@sha1:${commit}`;
}

/** The artifact file name: `<commit>.tar.gz`. Pure. */
export function artifactFileName(commit: string): string {
  return `${commit}.tar.gz`;
}
