'use client';

import type { EventDto } from '@tideline/server';
import type { ReactNode } from 'react';
import { LinkedText } from '../../links/components/linked-text';
import { useLiveEvents } from '../../live/hooks/use-live-events';
import { DataTable, type Column } from '../../objects/components/data-table';
import { parseObjectId } from '../../objects/selectors/object-key';
import { RelativeTime } from '../../time/components/relative-time';

/** How many live events the overview shows. */
const SHOWN = 20;

const COLUMNS: readonly Column<EventDto>[] = [
  { header: 'Last seen', cell: (e) => <RelativeTime iso={e.lastTimestamp} /> },
  { header: 'Object', cell: (e) => <EventObject event={e} /> },
  {
    header: 'Type',
    cell: (e) => (
      <span className={e.type === 'Warning' ? 'font-medium text-red-700' : 'text-gray-700'}>{e.type}</span>
    ),
  },
  { header: 'Reason', cell: (e) => e.reason },
  { header: 'Message', cell: (e) => <LinkedText text={e.message} />, className: 'max-w-xl break-words' },
];

// Plain text, not a link: the table above already links every object, and one link per
// object keeps role-based lookups unambiguous.
function EventObject({ event }: { event: EventDto }): ReactNode {
  const key = parseObjectId(event.objectId);
  return (
    <span className="whitespace-nowrap">
      {key ? `${key.kind} ${key.namespace}/${key.name}` : event.object}
    </span>
  );
}

/** The newest events the live stream has delivered since the page opened. */
export function LiveEventsPanel(): ReactNode {
  const events = useLiveEvents();
  return (
    <section aria-labelledby="live-events-heading" className="space-y-2">
      <h2 id="live-events-heading" className="text-lg font-semibold">
        Live events
      </h2>
      <DataTable
        caption="Live events"
        hideCaption
        columns={COLUMNS}
        rows={events.slice(0, SHOWN)}
        rowKey={(e) => e.uid}
        empty="No events since this page opened."
      />
    </section>
  );
}
