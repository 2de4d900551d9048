'use client';

import { useMemo, useState, type ReactNode } from 'react';
import { useMe } from '../../auth/hooks/use-may-operate';
import { mayOperateSomewhere } from '../../auth/selectors/may-operate';
import { useRowMoves } from '../../keyboard/hooks/use-keyboard-map';
import { QueryStatus } from '../../objects/components/query-status';
import { useObjects } from '../../objects/hooks/use-objects';
import { sortObjects } from '../../objects/selectors/sort-objects';
import { useOverviewFilter } from '../hooks/use-overview-filter';
import { useRowSelection } from '../hooks/use-row-selection';
import { overviewCounts } from '../selectors/overview-counts';
import { applyOverviewFilter, namespaceOptions, type SortKey } from '../selectors/overview-filter';
import { BulkActions } from './bulk-actions';
import { ObjectsTable } from './objects-table';
import { OverviewFilters } from './overview-filters';
import { StatusChips } from './status-chips';

/**
 * `/`: every Flux object with its state and actions. The store is read once and kept current
 * by the live stream; search, filters and sort apply in the browser (a few milliseconds for
 * 10,000 rows) and live in the URL; only the rows in view are rendered.
 */
export function OverviewPage(): ReactNode {
  const [filter, setFilter] = useOverviewFilter();
  const store = useObjects();
  const all = store.objects;
  const rows = useMemo(
    () => sortObjects(applyOverviewFilter(all ?? [], filter), filter.sort, filter.desc),
    [all, filter],
  );
  const counts = useMemo(() => overviewCounts(all ?? [], filter), [all, filter]);
  const namespaces = useMemo(() => namespaceOptions(all ?? [], filter.namespace), [all, filter.namespace]);
  const selection = useRowSelection(rows);
  // A viewer gets neither the selection column nor bulk actions (the server refuses them anyway).
  const mayAct = mayOperateSomewhere(useMe());
  const [focused, setFocused] = useState(-1);
  useRowMoves(rows.length, setFocused);
  const sort = {
    key: filter.sort ?? 'kind',
    desc: filter.desc === true,
    onSort: (key: string) =>
      setFilter({
        ...filter,
        sort: key as SortKey,
        desc: (filter.sort ?? 'kind') === key ? !filter.desc : undefined,
      }),
  };

  return (
    <div className="space-y-4" data-overview-rows={rows.length}>
      <h1 className="text-2xl font-semibold">Overview</h1>
      {all ? <StatusChips counts={counts} filter={filter} onChange={setFilter} /> : null}
      <OverviewFilters filter={filter} namespaces={namespaces} counts={counts} onChange={setFilter} />
      <QueryStatus query={store} what="Flux objects" onRetry={store.refetch} />
      {all ? (
        <>
          <p className="text-sm text-gray-700 dark:text-gray-300" aria-live="polite">
            Showing {counts.shown} of {counts.total} objects
          </p>
          {mayAct ? <BulkActions selected={selection.rows} onClear={selection.clear} /> : null}
          <ObjectsTable
            rows={rows}
            empty={<EmptyOverview total={all.length} onClear={() => setFilter({})} />}
            sort={sort}
            selection={mayAct ? selection : undefined}
            focusedIndex={focused}
            onFocusRow={setFocused}
          />
        </>
      ) : null}
    </div>
  );
}

/** Says why the table is empty and what to do about it. */
function EmptyOverview({ total, onClear }: { total: number; onClear: () => void }): ReactNode {
  if (total === 0) {
    return (
      <span>
        No Flux objects in the cluster yet. Apply a GitRepository and a Kustomization (or run{' '}
        <code className="font-mono">tideline start</code> with the demo) and they appear here live.
      </span>
    );
  }
  return (
    <span>
      No Flux objects match these filters.{' '}
      <button type="button" className="text-blue-700 underline dark:text-blue-300" onClick={onClear}>
        Clear filters
      </button>
    </span>
  );
}
