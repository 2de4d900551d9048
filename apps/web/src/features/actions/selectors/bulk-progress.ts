import type { FluxObjectSummary } from '@tideline/server';
import {
  actionStage,
  describeOutcome,
  describePending,
  type ActionRequest,
} from '../../objects/selectors/action-outcome';

/** One object of a bulk action, as sent. */
export interface BulkItemState {
  id: string;
  request: ActionRequest;
  /** `skipped`: the kind does not take this action (Alert and Provider are not reconciled). */
  phase: 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';
  error?: string;
}

/** One line of a bulk action's progress. */
export interface BulkItemView {
  id: string;
  message: string;
  done: boolean;
  failed: boolean;
}

/**
 * What to say for one object of a bulk action, from what was sent and the live object:
 * queued, sending, the action's stage (requested → picked up) or its outcome, or the error. Pure.
 */
export function bulkItemView(item: BulkItemState, live: FluxObjectSummary | undefined): BulkItemView {
  const { action } = item.request;
  const base = { id: item.id, done: false, failed: false };
  if (item.phase === 'failed')
    return { ...base, done: true, failed: true, message: `Failed: ${item.error ?? 'unknown error'}` };
  if (item.phase === 'queued') return { ...base, message: 'Queued' };
  // `flux reconcile`'s words for objects it leaves alone.
  if (item.phase === 'skipped') return { ...base, done: true, message: 'Not supported by the object' };
  if (item.phase === 'sending' || !live) return { ...base, message: describePending(action, 'sending') };
  const stage = actionStage(item.request, live);
  if (stage !== 'done') return { ...base, message: describePending(action, stage) };
  const message = describeOutcome(action, live);
  return { ...base, done: true, failed: live.state === 'failed' && action === 'reconcile', message };
}
