import type { FluxObjectSummary } from '@tideline/server';
import { useCallback, useMemo, useState } from 'react';
import type { RowSelection } from '../components/objects-table';

/** Checkbox selection over the shown rows; objects that leave the store leave the selection. */
export function useRowSelection(shown: readonly FluxObjectSummary[]): RowSelection & {
  rows: FluxObjectSummary[];
  clear: () => void;
} {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => (ids.size === 0 ? [] : shown.filter((o) => ids.has(o.id))), [ids, shown]);
  const allSelected = shown.length > 0 && rows.length === shown.length;
  const toggle = useCallback(
    (id: string) =>
      setIds((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const toggleAll = useCallback(
    () => setIds(allSelected ? new Set() : new Set(shown.map((o) => o.id))),
    [allSelected, shown],
  );
  const clear = useCallback(() => setIds(new Set()), []);
  // One object per selection state: the table's columns (and so its memoized rows) depend on it.
  return useMemo(
    () => ({ selected: ids, toggle, toggleAll, allSelected, rows, clear }),
    [ids, toggle, toggleAll, allSelected, rows, clear],
  );
}
