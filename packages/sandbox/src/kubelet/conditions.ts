/** The fields shared by every Kubernetes condition (Pod, Node, …). */
export interface ConditionLike {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: Date;
}

/**
 * The `desired` conditions, in order, with `lastTransitionTime` carried over from the existing
 * condition of the same type when its status, reason and message are unchanged, and set to
 * `now` otherwise. The one place condition transition times are decided. Pure.
 */
export function mergeConditions<C extends ConditionLike>(
  existing: readonly C[] | undefined,
  desired: readonly C[],
  now: Date,
): C[] {
  return desired.map((next) => {
    const previous = existing?.find((c) => c.type === next.type);
    const unchanged =
      previous !== undefined &&
      previous.status === next.status &&
      (previous.reason ?? '') === (next.reason ?? '') &&
      (previous.message ?? '') === (next.message ?? '');
    return { ...next, lastTransitionTime: unchanged ? (previous.lastTransitionTime ?? now) : now };
  });
}
