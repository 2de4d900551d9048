import type { ReactNode } from 'react';

/** One column of a {@link DataTable}. */
export interface Column<Row> {
  /** Header text; also the column's accessible name. */
  header: string;
  cell: (row: Row) => ReactNode;
  /** Extra classes for this column's cells. */
  className?: string;
  /** Show the header to screen readers only. */
  hideHeader?: boolean;
}

/** What a {@link DataTable} shows. */
export interface DataTableProps<Row> {
  /** The table's accessible name. */
  caption: string;
  /** Show the caption to screen readers only (when a heading already names the table). */
  hideCaption?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Shown in a single row when `rows` is empty. */
  empty: ReactNode;
}

/** A semantic table configured by columns; the per-kind screens are configuration over this. */
export function DataTable<Row>({
  caption,
  hideCaption,
  columns,
  rows,
  rowKey,
  empty,
}: DataTableProps<Row>): ReactNode {
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white dark:border-gray-700 dark:bg-gray-900">
      <table className="min-w-full divide-y divide-gray-200 text-sm dark:divide-gray-700">
        <caption
          className={
            hideCaption ? 'sr-only' : 'px-3 py-2 text-left font-medium text-gray-700 dark:text-gray-200'
          }
        >
          {caption}
        </caption>
        <thead className="bg-gray-50 dark:bg-gray-800">
          <tr>
            {columns.map((column) => (
              <th
                key={column.header}
                scope="col"
                className="px-3 py-2 text-left text-xs font-semibold tracking-wide text-gray-700 uppercase dark:text-gray-300"
              >
                {column.hideHeader ? <span className="sr-only">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100 dark:divide-gray-800">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-gray-700 dark:text-gray-300">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className="align-top hover:bg-gray-50 dark:hover:bg-gray-800">
                {columns.map((column) => (
                  <td key={column.header} className={`px-3 py-2 ${column.className ?? ''}`}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
