import { describe, expect, it } from 'vitest';
import { upsertHistory, type HistoryRecord } from './history.js';

const at = (s: number): Date => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const rec = (digest: string, status: string, s: number, revision = 'main@sha1:a'): HistoryRecord => ({
  digest,
  status,
  at: at(s),
  durationMs: 1500,
  metadata: { revision },
});

describe('upsertHistory', () => {
  it('prepends a new snapshot', () => {
    expect(upsertHistory(undefined, rec('sha256:a', 'ReconciliationSucceeded', 1))).toEqual([
      {
        digest: 'sha256:a',
        firstReconciled: '2026-01-01T00:00:01Z',
        lastReconciled: '2026-01-01T00:00:01Z',
        lastReconciledDuration: '1.5s',
        lastReconciledStatus: 'ReconciliationSucceeded',
        totalReconciliations: 1,
        metadata: { revision: 'main@sha1:a' },
      },
    ]);
  });

  it('updates a snapshot with the same digest and status and moves it to the front', () => {
    let h = upsertHistory(undefined, rec('sha256:a', 'ReconciliationSucceeded', 1));
    h = upsertHistory(h, rec('sha256:b', 'ReconciliationSucceeded', 2));
    h = upsertHistory(h, rec('sha256:a', 'ReconciliationSucceeded', 3, 'main@sha1:c'));
    expect(h.map((s) => [s.digest, s.totalReconciliations])).toEqual([
      ['sha256:a', 2],
      ['sha256:b', 1],
    ]);
    expect(h[0]).toMatchObject({
      firstReconciled: '2026-01-01T00:00:01Z',
      lastReconciled: '2026-01-01T00:00:03Z',
      metadata: { revision: 'main@sha1:c' },
    });
  });

  it('keys on digest and status together', () => {
    let h = upsertHistory(undefined, rec('sha256:a', 'ReconciliationSucceeded', 1));
    h = upsertHistory(h, rec('sha256:a', 'HealthCheckFailed', 2));
    expect(h.map((s) => s.lastReconciledStatus)).toEqual(['HealthCheckFailed', 'ReconciliationSucceeded']);
  });

  it('keeps at most five', () => {
    let h = upsertHistory(undefined, rec('d0', 'ReconciliationSucceeded', 0));
    for (let i = 1; i < 8; i++) h = upsertHistory(h, rec(`d${i}`, 'ReconciliationSucceeded', i));
    expect(h.map((s) => s.digest)).toEqual(['d7', 'd6', 'd5', 'd4', 'd3']);
  });
});
