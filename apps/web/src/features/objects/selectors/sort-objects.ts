import type { FluxObjectSummary } from '@tideline/server';

/** Rows ordered by kind, namespace, then name, so live upserts never reshuffle the table. Pure. */
export function sortObjects(rows: readonly FluxObjectSummary[]): FluxObjectSummary[] {
  return [...rows].sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
  );
}
