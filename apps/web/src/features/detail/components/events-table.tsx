import type { EventDto } from '@tideline/server';
import type { ReactNode } from 'react';
import { LinkedText } from '../../links/components/linked-text';
import { DataTable, type Column } from '../../objects/components/data-table';
import { RelativeTime } from '../../time/components/relative-time';

const COLUMNS: readonly Column<EventDto>[] = [
  {
    header: 'Type',
    cell: (e) => (
      <span className={e.type === 'Warning' ? 'font-medium text-red-700' : 'text-gray-700'}>{e.type}</span>
    ),
  },
  { header: 'Reason', cell: (e) => e.reason },
  {
    header: 'Message',
    cell: (e) => <LinkedText text={e.message} />,
    className: 'max-w-xl break-words whitespace-pre-wrap',
  },
  { header: 'Count', cell: (e) => e.count, className: 'tabular-nums' },
  { header: 'Last seen', cell: (e) => <RelativeTime iso={e.lastTimestamp} /> },
];

/** The object's recent core/v1 Events, newest first. */
export function EventsTable({
  events,
  caption = 'Recent events',
  empty = 'No recent events.',
}: {
  events: readonly EventDto[];
  caption?: string;
  empty?: string;
}): ReactNode {
  return (
    <DataTable
      caption={caption}
      hideCaption
      columns={COLUMNS}
      rows={events}
      rowKey={(e) => e.uid}
      empty={empty}
    />
  );
}
