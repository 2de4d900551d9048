import { ConditionType, Reason, type Condition } from '../api/meta.js';
import { redactUrlCredentials } from './redact.js';

/** Flux caps condition messages at this many characters, ending them in `...`. */
export const MAX_MESSAGE_LENGTH = 32768;

/** An object whose status carries conditions (what the helpers below need). */
export interface Conditioned {
  metadata: { generation?: number };
  status?: { conditions?: Condition[] };
}

/** Finds a condition by type. */
export function getCondition(obj: Conditioned, type: string): Condition | undefined {
  return obj.status?.conditions?.find((c) => c.type === type);
}

/** Whether a condition is present with status True. */
export function isTrue(obj: Conditioned, type: string): boolean {
  return getCondition(obj, type)?.status === 'True';
}

/** Truncates as fluxcd/pkg does. Pure. */
export function truncateMessage(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 3)}...` : message;
}

/** RFC 3339 UTC truncated to seconds, as metav1.Time serialises. */
export function conditionTime(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/**
 * Sets a condition: observedGeneration follows metadata.generation, lastTransitionTime only
 * moves when status, reason or message change, and the list stays in Flux's order.
 */
export function setCondition(
  obj: Conditioned,
  type: string,
  status: Condition['status'],
  reason: string,
  message: string,
  now: Date = new Date(),
): void {
  obj.status ??= {};
  const conditions = (obj.status.conditions ??= []);
  const next: Condition = {
    type,
    status,
    observedGeneration: obj.metadata.generation ?? 0,
    lastTransitionTime: conditionTime(now),
    reason,
    message: truncateMessage(redactUrlCredentials(message)),
  };
  const index = conditions.findIndex((c) => c.type === type);
  const current = index >= 0 ? conditions[index] : undefined;
  if (
    current &&
    current.status === next.status &&
    current.reason === next.reason &&
    current.message === next.message
  ) {
    next.lastTransitionTime = current.lastTransitionTime;
  }
  if (index >= 0) conditions[index] = next;
  else conditions.push(next);
  conditions.sort(compareConditions);
}

/** Removes a condition by type. */
export function deleteCondition(obj: Conditioned, type: string): void {
  const conditions = obj.status?.conditions;
  if (!conditions) return;
  const index = conditions.findIndex((c) => c.type === type);
  if (index >= 0) conditions.splice(index, 1);
}

/** Reconciling=True; deletes Stalled (they are mutually exclusive). */
export function markReconciling(obj: Conditioned, reason: string, message: string, now?: Date): void {
  deleteCondition(obj, ConditionType.Stalled);
  setCondition(obj, ConditionType.Reconciling, 'True', reason, message, now);
}

/** Stalled=True; deletes Reconciling. */
export function markStalled(obj: Conditioned, reason: string, message: string, now?: Date): void {
  deleteCondition(obj, ConditionType.Reconciling);
  setCondition(obj, ConditionType.Stalled, 'True', reason, message, now);
}

/** Ready=False with reason and message. */
export function markFalse(obj: Conditioned, type: string, reason: string, message: string, now?: Date): void {
  setCondition(obj, type, 'False', reason, message, now);
}

/** Ready=True (or any type) with reason and message. */
export function markTrue(obj: Conditioned, type: string, reason: string, message: string, now?: Date): void {
  setCondition(obj, type, 'True', reason, message, now);
}

/** Ready=Unknown with reason and message. */
export function markUnknown(
  obj: Conditioned,
  type: string,
  reason: string,
  message: string,
  now?: Date,
): void {
  setCondition(obj, type, 'Unknown', reason, message, now);
}

/**
 * The end-of-reconcile rule shared by Flux controllers: Ready=True drops Reconciling;
 * Ready=False with Reconciling still present turns its reason into ProgressingWithRetry.
 */
export function finalizeConditions(obj: Conditioned, now?: Date): void {
  const ready = getCondition(obj, ConditionType.Ready);
  const reconciling = getCondition(obj, ConditionType.Reconciling);
  if (ready?.status === 'True') {
    deleteCondition(obj, ConditionType.Reconciling);
    deleteCondition(obj, ConditionType.Stalled);
  } else if (ready?.status === 'False' && reconciling) {
    setCondition(
      obj,
      ConditionType.Reconciling,
      'True',
      Reason.ProgressingWithRetry,
      reconciling.message,
      now,
    );
  }
}

const PRIORITY: readonly string[] = [ConditionType.Stalled, ConditionType.Reconciling, ConditionType.Ready];

/** Flux's order: Stalled, Reconciling, Ready, then newest observedGeneration, then type. */
export function compareConditions(a: Condition, b: Condition): number {
  const pa = PRIORITY.indexOf(a.type);
  const pb = PRIORITY.indexOf(b.type);
  if (pa >= 0 || pb >= 0) return (pa < 0 ? 99 : pa) - (pb < 0 ? 99 : pb);
  const gen = (b.observedGeneration ?? 0) - (a.observedGeneration ?? 0);
  if (gen !== 0) return gen;
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}
