'use client';

import { useQuery } from '@tanstack/react-query';
import type { EventFilterDto } from '@tideline/server';
import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import { useTRPC } from '../../../trpc/trpc-context';
import { LinkedText } from '../../links/components/linked-text';
import { DataTable, type Column } from '../../objects/components/data-table';
import { QueryStatus } from '../../objects/components/query-status';
import { objectHref, objectLabel, parseObjectId } from '../../objects/selectors/object-key';
import { RelativeTime } from '../../time/components/relative-time';
import { useEventFilter } from '../hooks/use-event-filter';
import { groupEvents, type EventGroup } from '../selectors/group-events';
import { EventFilters } from './event-filters';

/** Events the page asks the server for (newest first); the live stream prepends to them. */
const LIMIT = 500;

function EventObject({ group }: { group: EventGroup }): ReactNode {
  const key = parseObjectId(group.latest.objectId);
  if (!key) return group.latest.object;
  return (
    <Link
      href={objectHref(key)}
      prefetch={false}
      aria-label={objectLabel(key)}
      className="whitespace-nowrap text-blue-700 hover:underline dark:text-blue-300"
    >
      {key.kind}/{key.namespace}/{key.name}
    </Link>
  );
}

const COLUMNS: readonly Column<EventGroup>[] = [
  {
    header: 'Last seen',
    cell: (g) => <RelativeTime iso={g.latest.lastTimestamp} />,
    className: 'whitespace-nowrap',
  },
  {
    header: 'Type',
    cell: (g) => (
      <span className={g.latest.type === 'Warning' ? 'font-medium text-red-700 dark:text-red-400' : ''}>
        {g.latest.type}
      </span>
    ),
  },
  { header: 'Reason', cell: (g) => g.latest.reason },
  { header: 'Object', cell: (g) => <EventObject group={g} /> },
  {
    header: 'Message',
    cell: (g) => <LinkedText text={g.latest.message} />,
    className: 'max-w-xl break-words whitespace-pre-wrap',
  },
  {
    header: 'Count',
    cell: (g) =>
      g.count > 1 ? (
        <span title={g.firstSeen ? `first seen ${g.firstSeen}` : undefined}>×{g.count}</span>
      ) : (
        '1'
      ),
    className: 'tabular-nums whitespace-nowrap',
  },
];

/**
 * `/events`: the cluster's recent Events about Flux objects, live (the stream prepends new
 * ones), filtered on the server by what the URL says, repeats folded into one row.
 */
export function EventsPage(): ReactNode {
  const trpc = useTRPC();
  const [filter, setFilter] = useEventFilter();
  const input: EventFilterDto & { limit: number } = { ...filter, limit: LIMIT };
  const query = useQuery(trpc.events.list.queryOptions(input, { staleTime: Infinity }));
  const groups = useMemo(() => groupEvents(query.data?.items ?? []), [query.data]);
  const page = query.data;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Events</h1>
      <EventFilters filter={filter} onChange={setFilter} />
      <QueryStatus query={query} what="events" onRetry={() => void query.refetch()} />
      {page ? (
        <>
          <p className="text-sm text-gray-700 dark:text-gray-300" aria-live="polite">
            Showing {Math.min(page.matched, LIMIT)} of {page.matched} matching events, newest first (the
            server keeps {page.kept} of at most {page.limits.total}, {page.limits.perObject} per object).
          </p>
          <DataTable
            caption="Events"
            hideCaption
            columns={COLUMNS}
            rows={groups}
            rowKey={(g) => g.latest.uid}
            empty={
              Object.keys(filter).length > 0
                ? 'No events match these filters. Clear a filter to see more.'
                : 'No events about Flux objects yet. Controllers record them as they reconcile.'
            }
          />
        </>
      ) : null}
    </div>
  );
}
