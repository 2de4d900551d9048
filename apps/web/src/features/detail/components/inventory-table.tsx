import type { InventoryItemDto } from '@tideline/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DataTable, type Column } from '../../objects/components/data-table';
import { objectLabel } from '../../objects/selectors/object-key';
import { inventoryItemHref } from '../selectors/inventory-link';

function InventoryName({ item }: { item: InventoryItemDto }): ReactNode {
  const href = inventoryItemHref(item);
  if (!href) return item.name;
  return (
    <Link
      href={href}
      prefetch={false}
      aria-label={objectLabel(item)}
      className="text-blue-700 hover:underline"
    >
      {item.name}
    </Link>
  );
}

const COLUMNS: readonly Column<InventoryItemDto>[] = [
  { header: 'Kind', cell: (i) => i.kind },
  { header: 'Namespace', cell: (i) => i.namespace || '—' },
  { header: 'Name', cell: (i) => <InventoryName item={i} /> },
  {
    header: 'API version',
    cell: (i) => (i.group ? `${i.group}/${i.version}` : i.version),
    className: 'text-gray-600',
  },
];

/** What a Kustomization applied; Flux objects among them link to their own pages. */
export function InventoryTable({ inventory }: { inventory: readonly InventoryItemDto[] }): ReactNode {
  return (
    <DataTable
      caption="Inventory"
      hideCaption
      columns={COLUMNS}
      rows={inventory}
      rowKey={(i) => i.id}
      empty="Nothing applied yet."
    />
  );
}
