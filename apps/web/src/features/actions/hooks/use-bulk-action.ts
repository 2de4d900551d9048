import type { FluxObjectSummary } from '@tideline/server';
import { useMemo, useState } from 'react';
import { useObjects } from '../../objects/hooks/use-objects';
import { useSendAction } from '../../objects/hooks/use-object-action';
import type { ObjectAction } from '../../objects/selectors/action-outcome';
import { kindActions } from '../../objects/selectors/kind-config';
import { bulkItemView, type BulkItemState, type BulkItemView } from '../selectors/bulk-progress';

/** Requests in flight at once: quick for a few hundred objects, gentle on the API server. */
const CONCURRENCY = 4;

/** A bulk action's lines, each with the live object it is about. */
export interface BulkProgress {
  items: (BulkItemView & { object: FluxObjectSummary })[];
  busy: boolean;
  run: (action: ObjectAction, objects: readonly FluxObjectSummary[], reason: string) => void;
}

/** Runs one action over many objects, a few at a time, following each to its outcome. */
export function useBulkAction(): BulkProgress {
  const send = useSendAction();
  const { objects } = useObjects();
  const [states, setStates] = useState<readonly BulkItemState[]>([]);
  const [targets, setTargets] = useState<readonly FluxObjectSummary[]>([]);

  const update = (id: string, patch: Partial<BulkItemState>): void =>
    setStates((all) => all.map((s) => (s.id === id ? { ...s, ...patch } : s)));

  const run = (action: ObjectAction, chosen: readonly FluxObjectSummary[], reason: string): void => {
    setTargets(chosen);
    setStates(chosen.map((o) => ({ id: o.id, request: { action }, phase: 'queued' })));
    const queue = [...chosen];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const object = next;
        const can = kindActions(object.kind);
        if (action === 'reconcile' ? !can.reconcile : !can.suspend) {
          update(object.id, { phase: 'skipped' });
          continue;
        }
        update(object.id, { phase: 'sending' });
        try {
          const requestedAt = await send(object, action, reason);
          update(object.id, { phase: 'sent', request: { action, requestedAt } });
        } catch (error) {
          update(object.id, {
            phase: 'failed',
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
    };
    for (let i = 0; i < CONCURRENCY; i++) void worker();
  };

  // Only while a bulk action is shown: indexing thousands of rows on every live batch is waste otherwise.
  const byId = useMemo(
    () => new Map(states.length > 0 ? (objects ?? []).map((o) => [o.id, o]) : []),
    [objects, states.length],
  );
  const items = states.map((state, i) => {
    const object = byId.get(state.id) ?? (targets[i] as FluxObjectSummary);
    return { ...bulkItemView(state, byId.get(state.id)), object };
  });
  return { items, busy: items.some((i) => !i.done), run };
}
