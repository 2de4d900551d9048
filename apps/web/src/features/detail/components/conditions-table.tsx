import type { ConditionDto } from '@tideline/server';
import type { ReactNode } from 'react';
import { LinkedText } from '../../links/components/linked-text';
import { DataTable, type Column } from '../../objects/components/data-table';
import { RelativeTime } from '../../time/components/relative-time';

const STATUS_CLASS: Readonly<Record<ConditionDto['status'], string>> = {
  True: 'text-green-800',
  False: 'text-red-800',
  Unknown: 'text-gray-700',
};

const COLUMNS: readonly Column<ConditionDto>[] = [
  { header: 'Type', cell: (c) => c.type, className: 'font-medium whitespace-nowrap' },
  { header: 'Status', cell: (c) => <span className={STATUS_CLASS[c.status] ?? ''}>{c.status}</span> },
  { header: 'Reason', cell: (c) => c.reason },
  {
    header: 'Message',
    cell: (c) => <LinkedText text={c.message} />,
    className: 'max-w-xl break-words whitespace-pre-wrap',
  },
  { header: 'Last transition', cell: (c) => <RelativeTime iso={c.lastTransitionTime} /> },
];

/** The object's status conditions. */
export function ConditionsTable({ conditions }: { conditions: readonly ConditionDto[] }): ReactNode {
  return (
    <DataTable
      caption="Conditions"
      hideCaption
      columns={COLUMNS}
      rows={conditions}
      rowKey={(c) => c.type}
      empty="No conditions reported yet."
    />
  );
}
