import { conditionTime } from '../../runtime/conditions.js';
import { formatDuration } from '../../runtime/duration.js';

/** Flux keeps the 5 newest snapshots. */
export const HISTORY_MAX_SIZE = 5;

/** One `status.history` snapshot (fluxcd/pkg apis/meta `Snapshot`). */
export interface HistorySnapshot {
  digest: string;
  firstReconciled: string;
  lastReconciled: string;
  lastReconciledDuration: string;
  lastReconciledStatus: string;
  totalReconciliations: number;
  metadata?: Record<string, string>;
}

/** What one reconcile contributes to the history. */
export interface HistoryRecord {
  digest: string;
  status: string;
  at: Date;
  durationMs: number;
  metadata: Record<string, string>;
}

/**
 * `History.Upsert`: a snapshot with the same digest and status is updated (count, time,
 * duration, metadata) and moved to the front; otherwise a new one is prepended; at most 5 are
 * kept. Pure (returns a new list).
 */
export function upsertHistory(
  history: readonly HistorySnapshot[] | undefined,
  record: HistoryRecord,
): HistorySnapshot[] {
  const now = conditionTime(record.at);
  const duration = formatDuration(record.durationMs);
  const list = [...(history ?? [])];
  const index = list.findIndex((s) => s.digest === record.digest && s.lastReconciledStatus === record.status);
  if (index >= 0) {
    const previous = list[index] as HistorySnapshot;
    list.splice(index, 1);
    list.unshift({
      ...previous,
      lastReconciled: now,
      lastReconciledDuration: duration,
      totalReconciliations: previous.totalReconciliations + 1,
      metadata: record.metadata,
    });
  } else {
    list.unshift({
      digest: record.digest,
      firstReconciled: now,
      lastReconciled: now,
      lastReconciledDuration: duration,
      lastReconciledStatus: record.status,
      totalReconciliations: 1,
      metadata: record.metadata,
    });
  }
  return list.slice(0, HISTORY_MAX_SIZE);
}
