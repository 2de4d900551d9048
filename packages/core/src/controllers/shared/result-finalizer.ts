import { ConditionType, Reason } from '../../api/meta.js';
import {
  deleteCondition,
  getCondition,
  markFalse,
  markReconciling,
  markTrue,
  markUnknown,
  setCondition,
  type Conditioned,
} from '../../runtime/conditions.js';

/**
 * fluxcd/pkg `runtime/reconcile` as the image controllers use it: a reconcile ends with a
 * result and maybe an error, and the Ready, Reconciling and Stalled conditions are derived from
 * them by one set of rules. Pure functions on the object's status.
 */

/** What a reconcile returned: a requeue delay (0 = none) and maybe an error message. */
export interface ReconcileOutcome {
  requeueAfterMs: number;
  error?: string;
}

/** Whether an outcome is the reconciler's success (Flux: `isSuccess(res, err)`). */
export type IsSuccess = (requeueAfterMs: number, error: string | undefined) => boolean;

const isUnknown = (obj: Conditioned, type: string): boolean => {
  const c = getCondition(obj, type);
  return !c || c.status === 'Unknown';
};
const isTrueCond = (obj: Conditioned, type: string): boolean => getCondition(obj, type)?.status === 'True';

/**
 * `ProgressiveStatus`: Reconciling=True; Ready=Unknown with the same words when there is drift
 * or Ready is absent or Unknown (an old Ready=True/False stays until the outcome is known).
 */
export function progressiveStatus(obj: Conditioned, drift: boolean, reason: string, message: string): void {
  markReconciling(obj, reason, message);
  if (drift || isUnknown(obj, ConditionType.Ready)) markUnknown(obj, ConditionType.Ready, reason, message);
}

/** `conditions.IsReady`: Ready=True and neither Stalled nor Reconciling. */
export function isReady(obj: Conditioned): boolean {
  return (
    isTrueCond(obj, ConditionType.Ready) &&
    !isTrueCond(obj, ConditionType.Stalled) &&
    !isTrueCond(obj, ConditionType.Reconciling)
  );
}

/**
 * `ResultFinalizer.Finalize`, then the image controllers' own step (a Reconciling left behind
 * reads `ProgressingWithRetry`). Returns the error the reconcile should report, if any.
 */
export function finalizeResult(
  obj: Conditioned,
  outcome: ReconcileOutcome,
  isSuccess: IsSuccess,
  readyMessage: string,
): string | undefined {
  let error = outcome.error;
  const noRequeueType = isSuccess(0, undefined);
  const success = isSuccess(outcome.requeueAfterMs, error);
  if (error !== undefined) deleteCondition(obj, ConditionType.Stalled);
  if (!success || noRequeueType) {
    if (outcome.requeueAfterMs !== 0 && !isSuccess(outcome.requeueAfterMs, undefined))
      deleteCondition(obj, ConditionType.Stalled);
    const stalled = getCondition(obj, ConditionType.Stalled);
    const overwriteReady = isUnknown(obj, ConditionType.Ready) || isTrueCond(obj, ConditionType.Ready);
    if (stalled?.status === 'True' && overwriteReady)
      markFalse(obj, ConditionType.Ready, stalled.reason, stalled.message);
  }
  if (success || isTrueCond(obj, ConditionType.Stalled)) deleteCondition(obj, ConditionType.Reconciling);
  if (error !== undefined && (isUnknown(obj, ConditionType.Ready) || isTrueCond(obj, ConditionType.Ready)))
    markFalse(obj, ConditionType.Ready, Reason.Failed, error);
  const ready = getCondition(obj, ConditionType.Ready);
  if (success && !noRequeueType && ready?.status === 'False' && !isTrueCond(obj, ConditionType.Stalled))
    error = ready.message;
  if (
    isUnknown(obj, ConditionType.Ready) &&
    isSuccess(outcome.requeueAfterMs, error) &&
    !isTrueCond(obj, ConditionType.Reconciling) &&
    !isTrueCond(obj, ConditionType.Stalled)
  )
    markTrue(obj, ConditionType.Ready, Reason.Succeeded, readyMessage);
  const reconciling = getCondition(obj, ConditionType.Reconciling);
  if (reconciling?.status === 'True')
    setCondition(obj, ConditionType.Reconciling, 'True', Reason.ProgressingWithRetry, reconciling.message);
  return error;
}

/** `AddPatchOptions`: observedGeneration follows the object when it is Stalled or Ready. */
export function shouldRecordGeneration(obj: Conditioned): boolean {
  return isTrueCond(obj, ConditionType.Stalled) || isReady(obj);
}
