import { ConditionType } from '../../api/meta.js';
import { finalizeConditions, getCondition, isTrue, markFalse, markTrue } from '../../runtime/conditions.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { recordHandledRequest, type FluxObject, type StatusPatcher } from './flux-object.js';

/** A failure to report on a source object: the negative condition (if any), its reason and message. */
export interface SourceFailure {
  condition?: string;
  reason: string;
  message: string;
  /** `Normal` for a wait on a dependency, `Warning` otherwise. */
  eventType: 'Normal' | 'Warning';
}

/**
 * The end of a GitRepository or OCIRepository reconcile, as source-controller's summarize-and-patch:
 * conditions summarized, the handled request recorded, and `observedGeneration` moved only when
 * the object is Ready or Stalled (a failed retry must not claim the generation); one status patch.
 */
export async function finishSourceStatus(obj: FluxObject, status: StatusPatcher): Promise<void> {
  finalizeConditions(obj);
  recordHandledRequest(obj);
  if (isTrue(obj, ConditionType.Ready) || getCondition(obj, ConditionType.Stalled)) {
    obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
  }
  await status.patch();
}

/**
 * Reports a failure: the negative condition True, Ready=False with the same reason and message,
 * an event, then the final status patch. The caller throws what its controller needs after it.
 */
export async function recordSourceFailure(
  obj: FluxObject,
  status: StatusPatcher,
  events: EventRecorder,
  failure: SourceFailure,
): Promise<void> {
  const { condition, reason, message } = failure;
  if (condition) markTrue(obj, condition, reason, message);
  markFalse(obj, ConditionType.Ready, reason, message);
  await events.record(obj, failure.eventType, reason, message);
  await finishSourceStatus(obj, status);
}
