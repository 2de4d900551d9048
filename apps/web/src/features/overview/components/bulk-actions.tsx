'use client';

import type { FluxObjectSummary } from '@tideline/server';
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../actions/components/confirm-dialog';
import { useBulkAction } from '../../actions/hooks/use-bulk-action';
import { useMe } from '../../auth/hooks/use-may-operate';
import { operableObjects } from '../../auth/selectors/may-operate';
import { ACTION_VERBS, needsConfirmation, type ObjectAction } from '../../objects/selectors/action-outcome';
import { objectLabel } from '../../objects/selectors/object-key';

const BUTTON =
  'rounded-md border border-gray-300 bg-white px-2.5 py-1 text-xs font-medium shadow-sm hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50 dark:border-gray-600 dark:bg-gray-800 dark:hover:bg-gray-700';

/**
 * Actions on the selected rows the caller may act on (operator there, as `me.get` says; the
 * server refuses the rest anyway), confirmed once, with each object's progress as it goes.
 */
export function BulkActions({
  selected,
  onClear,
}: {
  selected: readonly FluxObjectSummary[];
  onClear: () => void;
}): ReactNode {
  const [confirming, setConfirming] = useState<ObjectAction | null>(null);
  const bulk = useBulkAction();
  const operable = operableObjects(useMe(), selected);
  if (selected.length === 0 && bulk.items.length === 0) return null;
  const ask = (action: ObjectAction): void =>
    needsConfirmation(action, operable.length) ? setConfirming(action) : bulk.run(action, operable, '');
  return (
    <section
      aria-label="Bulk actions"
      className="space-y-2 rounded-lg border border-blue-200 bg-blue-50 p-3 dark:border-blue-800 dark:bg-blue-950"
    >
      {selected.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span>
            <strong>{selected.length}</strong> selected
            {operable.length < selected.length ? ` (you may act on ${operable.length})` : null}
          </span>
          {operable.length > 0
            ? (['suspend', 'resume', 'reconcile'] as const).map((action) => (
                <button
                  key={action}
                  type="button"
                  className={BUTTON}
                  disabled={bulk.busy}
                  onClick={() => ask(action)}
                >
                  {ACTION_VERBS[action]} selected
                </button>
              ))
            : null}
          <button
            type="button"
            className="text-sm text-blue-700 underline dark:text-blue-300"
            onClick={onClear}
          >
            Clear selection
          </button>
        </div>
      ) : null}
      {bulk.items.length > 0 ? (
        <ul aria-label="Bulk action progress" className="max-h-40 space-y-0.5 overflow-auto text-xs">
          {bulk.items.map((item) => (
            <li key={item.id} className="flex gap-2">
              <span className="font-medium">{objectLabel(item.object)}</span>
              <span role="status" className={item.failed ? 'text-red-700 dark:text-red-400' : ''}>
                {item.message}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          request={{ action: confirming, objects: operable }}
          onCancel={() => setConfirming(null)}
          onConfirm={(reason) => {
            bulk.run(confirming, operable, reason);
            setConfirming(null);
          }}
        />
      ) : null}
    </section>
  );
}
