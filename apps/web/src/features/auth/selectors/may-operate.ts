import type { MeDto } from '@tideline/server';

const RANK = { viewer: 0, operator: 1, admin: 2 } as const;

/**
 * Whether the caller may suspend, resume and reconcile in a namespace (operator or admin there),
 * as the server decides it; unknown (`undefined`) yet: no. The server refuses anyway. Pure.
 */
export function mayOperate(me: MeDto | undefined, namespace: string): boolean {
  if (!me) return false;
  const local = me.namespaces.find((n) => n.namespace === namespace)?.role;
  const best = Math.max(me.everywhere ? RANK[me.everywhere] : -1, local ? RANK[local] : -1);
  return best >= RANK.operator;
}

/** Whether the caller may act anywhere at all (operator or admin in some namespace). Pure. */
export function mayOperateSomewhere(me: MeDto | undefined): boolean {
  if (!me) return false;
  if (me.everywhere && RANK[me.everywhere] >= RANK.operator) return true;
  return me.namespaces.some((n) => RANK[n.role] >= RANK.operator);
}

/** The objects among `objects` the caller may act on, in their order. Pure. */
export function operableObjects<T extends { namespace: string }>(
  me: MeDto | undefined,
  objects: readonly T[],
): T[] {
  return objects.filter((o) => mayOperate(me, o.namespace));
}
