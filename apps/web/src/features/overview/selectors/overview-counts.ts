import type { FluxKind, FluxObjectSummary } from '@tideline/server';
import { matchesOverviewFilter, type OverviewFilter, type StatusFilter } from './overview-filter';

/** How many objects each choice of the status and kind filters would show. */
export interface OverviewCounts {
  /** Objects passing every filter. */
  shown: number;
  /** All objects in the store. */
  total: number;
  /** Per status, with the other filters applied (so a chip says what clicking it shows). */
  byStatus: Readonly<Record<StatusFilter, number>>;
  /** Per kind, with the other filters applied. */
  byKind: ReadonlyMap<FluxKind, number>;
}

const STATUS_OF: Readonly<Record<string, StatusFilter>> = {
  failed: 'failing',
  progressing: 'progressing',
  suspended: 'suspended',
  ready: 'ready',
  unknown: 'unknown',
};

/** Facet counts for the overview's header, in one pass over the rows. Pure. */
export function overviewCounts(rows: readonly FluxObjectSummary[], filter: OverviewFilter): OverviewCounts {
  const byStatus: Record<StatusFilter, number> = {
    failing: 0,
    progressing: 0,
    suspended: 0,
    ready: 0,
    unknown: 0,
  };
  const byKind = new Map<FluxKind, number>();
  let shown = 0;
  for (const row of rows) {
    if (matchesOverviewFilter(row, filter, 'status')) byStatus[STATUS_OF[row.state] ?? 'unknown'] += 1;
    if (matchesOverviewFilter(row, filter, 'kind')) byKind.set(row.kind, (byKind.get(row.kind) ?? 0) + 1);
    if (matchesOverviewFilter(row, filter)) shown += 1;
  }
  return { shown, total: rows.length, byStatus, byKind };
}
