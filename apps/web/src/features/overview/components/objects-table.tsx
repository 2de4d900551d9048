'use client';

import type { FluxObjectSummary } from '@tideline/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DataTable, type Column } from '../../objects/components/data-table';
import { ObjectActions } from '../../objects/components/object-actions';
import { objectHref, objectLabel } from '../../objects/selectors/object-key';
import { RelativeTime } from '../../time/components/relative-time';
import { ReadyCell } from './ready-cell';

/** The overview's columns: configuration over the generic table. */
const COLUMNS: readonly Column<FluxObjectSummary>[] = [
  { header: 'Kind', cell: (o) => o.kind, className: 'whitespace-nowrap text-gray-700' },
  {
    header: 'Namespace/Name',
    cell: (o) => (
      // The name includes the kind (objects of different kinds may share namespace/name). An
      // aria-label rather than hidden text, so the link's only box is its visible text.
      <Link
        href={objectHref(o)}
        aria-label={objectLabel(o)}
        className="font-medium whitespace-nowrap text-blue-700 hover:underline"
      >
        {o.namespace}/{o.name}
      </Link>
    ),
  },
  { header: 'Ready', cell: (o) => <ReadyCell object={o} /> },
  {
    header: 'Revision',
    cell: (o) => (
      <span className="block max-w-[16rem] truncate font-mono text-xs" title={o.revision}>
        {o.revision || '—'}
      </span>
    ),
  },
  { header: 'Suspended', cell: (o) => (o.suspended ? 'Yes' : 'No') },
  { header: 'Last transition', cell: (o) => <RelativeTime iso={o.lastTransition} /> },
  { header: 'Actions', cell: (o) => <ObjectActions object={o} /> },
];

/** Every Flux object that passes the filters, one row each, with live actions. */
export function ObjectsTable({
  rows,
  empty,
}: {
  rows: readonly FluxObjectSummary[];
  empty: ReactNode;
}): ReactNode {
  return (
    <DataTable
      caption="Flux objects"
      hideCaption
      columns={COLUMNS}
      rows={rows}
      rowKey={(o) => o.id}
      empty={empty}
    />
  );
}
