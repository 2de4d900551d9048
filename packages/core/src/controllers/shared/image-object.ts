import { ConditionType } from '../../api/meta.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { Resources } from '../../kube/resources.js';
import { getCondition, type Conditioned } from '../../runtime/conditions.js';
import type { ReconcileRequest } from '../../runtime/controller.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { ensureFinalizer, removeFinalizer, StatusPatcher, type FluxObject } from './flux-object.js';
import { isReady } from './result-finalizer.js';

/**
 * The start of every image controller's reconcile: read the object (from the cache when there
 * is one); when it is being deleted, clean up and drop the finalizer; otherwise make sure the
 * finalizer is there. Undefined means there is nothing more to do.
 */
export async function beginImageReconcile<T extends FluxObject>(
  deps: { resources: Resources; reader?: ObjectReader },
  ref: { apiVersion: string; kind: string },
  request: ReconcileRequest,
  fieldManager: string,
  onDelete?: (obj: T) => Promise<void>,
): Promise<{ obj: T; status: StatusPatcher } | undefined> {
  const found = await (deps.reader ?? deps.resources).get<T>({ ...ref, ...request });
  if (!found) return undefined;
  if (found.metadata.deletionTimestamp) {
    await onDelete?.(found);
    await removeFinalizer(deps.resources, found, fieldManager);
    return undefined;
  }
  const obj = await ensureFinalizer(deps.resources, found, fieldManager);
  return { obj, status: new StatusPatcher(deps.resources, obj, fieldManager) };
}

/** The conditions an object started the reconcile with, for deciding which event to record. */
export function conditionsSnapshot(obj: Conditioned): Conditioned {
  return {
    metadata: { ...obj.metadata },
    status: { conditions: structuredClone(obj.status?.conditions ?? []) },
  };
}

/**
 * image-reflector-controller's `notify`: a Normal event with the Ready reason when the object
 * became ready or its Ready message changed, a Warning when it is not ready, otherwise the
 * trace line (recorded as a Normal event, as Flux's recorder records trace events).
 */
export async function notifyReadiness(
  events: EventRecorder,
  before: Conditioned,
  obj: Conditioned & Parameters<EventRecorder['record']>[0],
  traceMessage: string,
): Promise<void> {
  const ready = getCondition(obj, ConditionType.Ready);
  const wasReady = isReady(before);
  const nowReady = isReady(obj);
  if (
    ready &&
    nowReady &&
    (!wasReady || getCondition(before, ConditionType.Ready)?.message !== ready.message)
  ) {
    await events.record(obj, 'Normal', ready.reason, ready.message);
    return;
  }
  if (!nowReady) {
    await events.record(obj, 'Warning', ready?.reason ?? '', ready?.message ?? '');
    return;
  }
  await events.record(obj, 'Normal', 'Succeeded', traceMessage);
}
