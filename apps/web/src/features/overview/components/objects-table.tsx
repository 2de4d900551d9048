'use client';

import type { FluxObjectSummary } from '@tideline/server';
import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import { ObjectActions } from '../../objects/components/object-actions';
import { VirtualTable, type TableSort, type VirtualColumn } from '../../objects/components/virtual-table';
import { objectHref, objectLabel } from '../../objects/selectors/object-key';
import { RelativeTime } from '../../time/components/relative-time';
import { ReadyCell } from './ready-cell';

/** Every row is this tall, so the table can render only the rows in view. */
export const ROW_HEIGHT = 44;

/** The selection of rows for bulk actions. */
export interface RowSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  /** Selects every shown row, or clears the selection when all are selected. */
  toggleAll: () => void;
  allSelected: boolean;
}

function selectColumn(selection: RowSelection): VirtualColumn<FluxObjectSummary> {
  return {
    header: 'Select',
    width: '2.75rem',
    headerCell: (
      <input
        type="checkbox"
        aria-label="Select all shown objects"
        checked={selection.allSelected}
        onChange={selection.toggleAll}
        className="size-4"
      />
    ),
    cell: (o) => (
      <input
        type="checkbox"
        aria-label={`Select ${objectLabel(o)}`}
        checked={selection.selected.has(o.id)}
        onChange={() => selection.toggle(o.id)}
        className="size-4"
      />
    ),
  };
}

/** The overview's columns: configuration over the generic table. */
const COLUMNS: readonly VirtualColumn<FluxObjectSummary>[] = [
  {
    header: 'Kind',
    width: '10rem',
    sortKey: 'kind',
    cell: (o) => o.kind,
    className: 'truncate text-gray-700 dark:text-gray-300',
  },
  {
    header: 'Namespace/Name',
    width: '24%',
    sortKey: 'name',
    cell: (o) => (
      // The name includes the kind (objects of different kinds may share namespace/name). An
      // aria-label rather than hidden text, so the link's only box is its visible text.
      // No prefetch: thousands of rows scroll past, and each visible link would fetch its page.
      <Link
        href={objectHref(o)}
        prefetch={false}
        aria-label={objectLabel(o)}
        title={`${o.namespace}/${o.name}`}
        className="block truncate font-medium text-blue-700 hover:underline dark:text-blue-300"
      >
        {o.namespace}/{o.name}
      </Link>
    ),
  },
  { header: 'Ready', width: '22%', sortKey: 'status', cell: (o) => <ReadyCell object={o} /> },
  {
    header: 'Revision',
    width: '18%',
    cell: (o) => (
      <span className="block truncate font-mono text-xs" title={o.revision}>
        {o.revision || '—'}
      </span>
    ),
  },
  { header: 'Suspended', width: '6.5rem', cell: (o) => (o.suspended ? 'Yes' : 'No') },
  {
    header: 'Last transition',
    width: '8.5rem',
    sortKey: 'updated',
    cell: (o) => <RelativeTime iso={o.lastTransition} />,
  },
  { header: 'Actions', width: '17rem', cell: (o) => <ObjectActions object={o} compact /> },
];

/** Every Flux object that passes the filters, one row each, with live actions; only visible rows render. */
export function ObjectsTable({
  rows,
  empty,
  sort,
  selection,
  focusedIndex,
  onFocusRow,
}: {
  rows: readonly FluxObjectSummary[];
  empty: ReactNode;
  sort: TableSort;
  /** Absent: no selection column (a caller who may act nowhere has no bulk actions). */
  selection?: RowSelection;
  focusedIndex: number;
  onFocusRow: (index: number) => void;
}): ReactNode {
  const columns = useMemo(() => (selection ? [selectColumn(selection), ...COLUMNS] : COLUMNS), [selection]);
  return (
    <VirtualTable
      caption="Flux objects"
      columns={columns}
      rows={rows}
      rowKey={(o) => o.id}
      rowHeight={ROW_HEIGHT}
      empty={empty}
      sort={sort}
      focusedIndex={focusedIndex}
      onFocusRow={onFocusRow}
    />
  );
}
