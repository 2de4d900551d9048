import type { FluxObjectSummary } from '@tideline/server';

/** What the overview can sort by (`kind` is the default: kind, namespace, name). */
export type ObjectSortKey = 'kind' | 'name' | 'status' | 'updated';

/** Most urgent first: what needs a look comes to the top when sorting by status. */
const URGENCY: Readonly<Record<string, number>> = {
  failed: 0,
  progressing: 1,
  suspended: 2,
  unknown: 3,
  ready: 4,
};

/** Plain code-unit order: names are ASCII DNS labels, and `localeCompare` is ~10x slower on 10k rows. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byKind = (a: FluxObjectSummary, b: FluxObjectSummary): number =>
  compare(a.kind, b.kind) || compare(a.namespace, b.namespace) || compare(a.name, b.name);
const byName = (a: FluxObjectSummary, b: FluxObjectSummary): number =>
  compare(a.namespace, b.namespace) || compare(a.name, b.name) || compare(a.kind, b.kind);

const COMPARATORS: Readonly<Record<ObjectSortKey, (a: FluxObjectSummary, b: FluxObjectSummary) => number>> = {
  kind: byKind,
  name: byName,
  status: (a, b) => (URGENCY[a.state] ?? 3) - (URGENCY[b.state] ?? 3) || byKind(a, b),
  // Newest transition first; objects that never reported one go last.
  updated: (a, b) => compare(b.lastTransition ?? '', a.lastTransition ?? '') || byKind(a, b),
};

/**
 * Rows in a stable order (ties broken by kind, namespace, name, so live upserts never
 * reshuffle the table); `desc` reverses the key's natural order. Pure.
 */
export function sortObjects(
  rows: readonly FluxObjectSummary[],
  key: ObjectSortKey = 'kind',
  desc = false,
): FluxObjectSummary[] {
  const comparator = COMPARATORS[key];
  const sorted = [...rows].sort(comparator);
  return desc ? sorted.reverse() : sorted;
}
