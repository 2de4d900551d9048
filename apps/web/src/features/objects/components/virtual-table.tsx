'use client';

import { memo, useEffect, useRef, type ReactNode } from 'react';
import { useVirtualRows } from '../hooks/use-virtual-rows';

/** One column of a {@link VirtualTable}. */
export interface VirtualColumn<Row> {
  /** Header text; also the column's accessible name. */
  header: string;
  /** Replaces the header text's visible content (e.g. a select-all checkbox). */
  headerCell?: ReactNode;
  cell: (row: Row) => ReactNode;
  /** CSS width of the column (the table lays out fixed, so rows never change its widths). */
  width: string;
  /** The sort this column's header applies, when it sorts. */
  sortKey?: string;
  className?: string;
}

/** The current sort and how to change it. */
export interface TableSort {
  key: string;
  desc: boolean;
  onSort: (key: string) => void;
}

/** What a {@link VirtualTable} shows. */
export interface VirtualTableProps<Row> {
  caption: string;
  columns: readonly VirtualColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowHeight: number;
  empty: ReactNode;
  sort?: TableSort;
  /** The keyboard-focused row (j/k); it is scrolled into view and focused when it changes. */
  focusedIndex?: number;
  /** A row (or a control in it) received focus. */
  onFocusRow?: (index: number) => void;
}

const TH =
  'px-3 py-2 text-left text-xs font-semibold tracking-wide text-gray-600 uppercase dark:text-gray-300';

function SortHeader({
  label,
  sortKey,
  sort,
}: {
  label: string;
  sortKey: string;
  sort: TableSort;
}): ReactNode {
  const active = sort.key === sortKey;
  return (
    <button
      type="button"
      onClick={() => sort.onSort(sortKey)}
      className="inline-flex items-center gap-1 uppercase hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:text-white"
    >
      {label}
      <span aria-hidden="true">{active ? (sort.desc ? '▼' : '▲') : '↕'}</span>
    </button>
  );
}

/** One row; memoized so a scroll that moves the window renders only the rows that enter it. */
const VirtualRow = memo(function VirtualRow<Row>({
  row,
  index,
  focused,
  columns,
  rowHeight,
  onFocusRow,
}: {
  row: Row;
  index: number;
  focused: boolean;
  columns: readonly VirtualColumn<Row>[];
  rowHeight: number;
  onFocusRow?: (index: number) => void;
}): ReactNode {
  return (
    <tr
      data-index={index}
      aria-rowindex={index + 2}
      tabIndex={focused ? 0 : -1}
      onFocus={() => onFocusRow?.(index)}
      style={{ height: rowHeight }}
      data-focused={focused ? '' : undefined}
      className="hover:bg-gray-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600 data-focused:bg-blue-50 dark:hover:bg-gray-800 dark:data-focused:bg-blue-950"
    >
      {columns.map((c) => (
        <td key={c.header} className={`overflow-hidden px-3 py-1 ${c.className ?? ''}`}>
          {c.cell(row)}
        </td>
      ))}
    </tr>
  );
}) as <Row>(props: {
  row: Row;
  index: number;
  focused: boolean;
  columns: readonly VirtualColumn<Row>[];
  rowHeight: number;
  onFocusRow?: (index: number) => void;
}) => ReactNode;

/**
 * A semantic table of any length with only the visible rows in the DOM (fixed row height,
 * fixed column widths, sticky header). `aria-rowcount`/`aria-rowindex` tell assistive
 * technology where each rendered row sits in the whole list.
 */
export function VirtualTable<Row>(props: VirtualTableProps<Row>): ReactNode {
  const { caption, columns, rows, rowKey, rowHeight, empty, sort, focusedIndex, onFocusRow } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { window: win, reveal } = useVirtualRows(scrollRef, rows.length, rowHeight);

  useEffect(() => {
    if (focusedIndex === undefined || focusedIndex < 0) return;
    reveal(focusedIndex);
    // The row renders after the scroll moved the window; focus it on the next frame.
    const frame = requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${focusedIndex}"]`)?.focus(),
    );
    return () => cancelAnimationFrame(frame);
  }, [focusedIndex, reveal]);

  return (
    <div
      ref={scrollRef}
      // Layout and paint stay inside the scroller: a scroll step never invalidates the page.
      style={{ contain: 'content' }}
      className="max-h-[calc(100vh-18rem)] min-h-[16rem] overflow-auto rounded-lg border border-gray-200 bg-white dark:border-gray-700 dark:bg-gray-900"
    >
      <table
        aria-rowcount={rows.length + 1}
        className="w-full table-fixed divide-y divide-gray-200 text-sm dark:divide-gray-700"
      >
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          {columns.map((c) => (
            <col key={c.header} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-[1] bg-gray-50 dark:bg-gray-800">
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th
                key={c.header}
                scope="col"
                className={TH}
                aria-sort={
                  sort && c.sortKey && sort.key === c.sortKey
                    ? sort.desc
                      ? 'descending'
                      : 'ascending'
                    : undefined
                }
              >
                {c.headerCell ??
                  (sort && c.sortKey ? (
                    <SortHeader label={c.header} sortKey={c.sortKey} sort={sort} />
                  ) : (
                    c.header
                  ))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100 dark:divide-gray-800">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-gray-600 dark:text-gray-300">
                {empty}
              </td>
            </tr>
          ) : null}
          {win.padTop > 0 ? <tr aria-hidden="true" style={{ height: win.padTop }} /> : null}
          {rows.slice(win.start, win.end).map((row, offset) => (
            <VirtualRow
              key={rowKey(row)}
              row={row}
              index={win.start + offset}
              focused={win.start + offset === focusedIndex}
              columns={columns}
              rowHeight={rowHeight}
              onFocusRow={onFocusRow}
            />
          ))}
          {win.padBottom > 0 ? <tr aria-hidden="true" style={{ height: win.padBottom }} /> : null}
        </tbody>
      </table>
    </div>
  );
}
