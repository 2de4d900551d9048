import { ConditionType, Reason, type Artifact } from '../../api/meta.js';
import type { GitRepository, GitRepositorySpec } from '../../api/source-v1.js';
import { deleteCondition, markTrue } from '../../runtime/conditions.js';
import type { FluxObject } from '../shared/flux-object.js';
import { GitMessages } from './messages.js';

type Obj = GitRepository & FluxObject;

/** The conditions of a stored (or still current) artifact: fail conditions go, Ready=True. Pure (edits `obj`). */
export function markStored(obj: Obj, revision: string): void {
  deleteCondition(obj, ConditionType.FetchFailed);
  deleteCondition(obj, ConditionType.StorageOperationFailed);
  deleteCondition(obj, ConditionType.ArtifactOutdated);
  markTrue(obj, ConditionType.ArtifactInStorage, Reason.Succeeded, GitMessages.stored(revision));
  markTrue(obj, ConditionType.Ready, Reason.Succeeded, GitMessages.stored(revision));
}

/**
 * A new artifact and what it was built from, as source-controller records it: the observed
 * content settings let the next run tell a spec change from an unchanged commit. Pure (edits `obj`).
 */
export function recordArtifact(
  obj: Obj,
  spec: GitRepositorySpec,
  stored: Artifact,
  includes: readonly Artifact[],
): void {
  obj.status = {
    ...obj.status,
    artifact: stored,
    includedArtifacts: includes.length > 0 ? [...includes] : undefined,
    observedIgnore: spec.ignore,
    observedInclude: spec.include?.length ? spec.include : undefined,
    observedRecurseSubmodules: spec.recurseSubmodules || undefined,
    observedSparseCheckout: spec.sparseCheckout?.length ? spec.sparseCheckout : undefined,
  };
}
