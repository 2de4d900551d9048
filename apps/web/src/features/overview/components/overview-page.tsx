'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { useTRPC } from '../../../trpc/trpc-context';
import { QueryStatus } from '../../objects/components/query-status';
import { sortObjects } from '../../objects/selectors/sort-objects';
import { useOverviewFilter } from '../hooks/use-overview-filter';
import { applyOverviewFilter, namespaceOptions } from '../selectors/overview-filter';
import { LiveEventsPanel } from './live-events-panel';
import { ObjectsTable } from './objects-table';
import { OverviewFilters } from './overview-filters';

/**
 * `/`: every Flux object with its state and actions. The list is fetched once and then kept
 * current by the live stream; filters apply in the browser and live in the URL.
 */
export function OverviewPage(): ReactNode {
  const trpc = useTRPC();
  const [filter, setFilter] = useOverviewFilter();
  const query = useQuery(trpc.objects.list.queryOptions());
  const all = query.data;
  const rows = useMemo(() => sortObjects(applyOverviewFilter(all ?? [], filter)), [all, filter]);
  const namespaces = useMemo(() => namespaceOptions(all ?? [], filter.namespace), [all, filter.namespace]);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <OverviewFilters filter={filter} namespaces={namespaces} onChange={setFilter} />
      <QueryStatus query={query} what="Flux objects" />
      {all ? (
        <>
          <p className="text-sm text-gray-600">
            Showing {rows.length} of {all.length} objects
          </p>
          <ObjectsTable
            rows={rows}
            empty={all.length === 0 ? 'No Flux objects yet.' : 'No Flux objects match these filters.'}
          />
        </>
      ) : null}
      <LiveEventsPanel />
    </div>
  );
}
