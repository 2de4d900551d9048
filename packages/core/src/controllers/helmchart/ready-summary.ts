import { ConditionType } from '../../api/meta.js';
import {
  getCondition,
  markFalse,
  markReconciling,
  markTrue,
  markUnknown,
  type Conditioned,
} from '../../runtime/conditions.js';

/** Source condition type for a failed chart build (negative polarity). */
export const BUILD_FAILED = 'BuildFailed';

/** Conditions whose True means trouble, in the order source-controller summarizes them. */
const NEGATIVE = [
  ConditionType.StorageOperationFailed,
  ConditionType.FetchFailed,
  BUILD_FAILED,
  ConditionType.ArtifactOutdated,
  ConditionType.Stalled,
  ConditionType.Reconciling,
];

/** The HelmChart conditions that mark a failure; leaving them all is a "recovery". */
export const FAILURE_CONDITIONS = [
  BUILD_FAILED,
  ConditionType.FetchFailed,
  ConditionType.StorageOperationFailed,
];

/**
 * Ready as source-controller's summarize helper derives it for a HelmChart: the first negative
 * condition that is True makes Ready False with its reason and message; otherwise
 * ArtifactInStorage=True makes it True; otherwise Ready is left as it is. Pure (mutates `obj`).
 */
export function summarizeReady(obj: Conditioned): void {
  for (const type of NEGATIVE) {
    const c = getCondition(obj, type);
    if (c?.status === 'True') {
      markFalse(obj, ConditionType.Ready, c.reason, c.message);
      return;
    }
  }
  const stored = getCondition(obj, ConditionType.ArtifactInStorage);
  if (stored?.status === 'True') markTrue(obj, ConditionType.Ready, stored.reason, stored.message);
}

/**
 * fluxcd/pkg `ProgressiveStatus`: Reconciling=True, and Ready=Unknown with the same words when
 * the artifact really changes (`reset`) or Ready says nothing yet. Pure (mutates `obj`).
 */
export function progressiveStatus(obj: Conditioned, reset: boolean, reason: string, message: string): void {
  markReconciling(obj, reason, message);
  const ready = getCondition(obj, ConditionType.Ready);
  if (reset || !ready || ready.status === 'Unknown') markUnknown(obj, ConditionType.Ready, reason, message);
}

/** Whether any failure condition is True. Pure. */
export function hasFailure(obj: Conditioned): boolean {
  return FAILURE_CONDITIONS.some((type) => getCondition(obj, type)?.status === 'True');
}
