import type { NotificationLogDto, ProviderDeliveryDto, ReceiverCallDto } from '@tideline/server';
import type { ReactNode } from 'react';
import { LinkedText } from '../../links/components/linked-text';
import { DataTable, type Column } from '../../objects/components/data-table';
import { RelativeTime } from '../../time/components/relative-time';
import { EventsTable } from './events-table';
import { Ref } from './object-alerts';

const outcomeClass = (ok: boolean): string =>
  ok ? 'text-green-800 dark:text-green-300' : 'font-medium text-red-700 dark:text-red-300';

const DELIVERIES: readonly Column<ProviderDeliveryDto>[] = [
  { header: 'When', cell: (d) => <RelativeTime iso={d.at} /> },
  {
    header: 'Outcome',
    cell: (d) => <span className={outcomeClass(d.outcome === 'Succeeded')}>{d.outcome}</span>,
  },
  { header: 'Event about', cell: (d) => <Ref id={d.subject} /> },
  { header: 'Alert', cell: (d) => <Ref id={d.alertId} /> },
  {
    header: 'Error',
    cell: (d) => (d.message ? <LinkedText text={d.message} /> : '—'),
    className: 'max-w-xl break-words whitespace-pre-wrap',
  },
];

const CALLS: readonly Column<ReceiverCallDto>[] = [
  { header: 'When', cell: (c) => <RelativeTime iso={c.at} /> },
  {
    header: 'Outcome',
    cell: (c) => <span className={outcomeClass(c.accepted)}>{c.accepted ? 'Accepted' : 'Refused'}</span>,
  },
  { header: 'HTTP status', cell: (c) => c.status, className: 'tabular-nums' },
  { header: 'Objects annotated', cell: (c) => c.annotated, className: 'tabular-nums' },
];

const SINCE_START = 'The engine records only the last one; this list starts when the server did.';

/** A Provider's last deliveries and its failed sends (Flux's Events on the Alerts routing to it). */
export function ProviderDeliveries({ log }: { log: NotificationLogDto }): ReactNode {
  return (
    <div className="space-y-3">
      <DataTable
        caption="Last deliveries"
        columns={DELIVERIES}
        rows={log.deliveries}
        rowKey={(d) => `${d.at}/${d.subject}/${d.alertId}`}
        empty="Nothing sent through this Provider yet."
      />
      <p className="text-xs text-gray-700 dark:text-gray-300">{SINCE_START}</p>
      <h3 className="text-sm font-medium">Dispatch errors (NotificationDispatchFailed on its Alerts)</h3>
      <EventsTable events={log.errors} caption="Dispatch errors" empty="No dispatch errors." />
    </div>
  );
}

/** A Receiver's last webhook calls: when, what it answered and how many objects it asked to reconcile. */
export function ReceiverCalls({ log }: { log: NotificationLogDto }): ReactNode {
  return (
    <div className="space-y-2">
      <DataTable
        caption="Last webhook calls"
        columns={CALLS}
        rows={log.calls}
        rowKey={(c) => `${c.at}/${c.status}`}
        empty="No call to this webhook yet."
      />
      <p className="text-xs text-gray-700 dark:text-gray-300">{SINCE_START}</p>
    </div>
  );
}
