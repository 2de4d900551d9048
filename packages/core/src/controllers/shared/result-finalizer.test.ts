import { describe, expect, it } from 'vitest';
import type { Condition } from '../../api/meta.js';
import { markFalse, markStalled, type Conditioned } from '../../runtime/conditions.js';
import { finalizeResult, isReady, progressiveStatus, shouldRecordGeneration } from './result-finalizer.js';

const obj = (
  conditions: Partial<Condition>[] = [],
): Conditioned & { status: { conditions: Condition[] } } => ({
  metadata: { generation: 2 },
  status: {
    conditions: conditions.map((c) => ({
      status: 'True',
      reason: 'R',
      message: 'm',
      lastTransitionTime: '2026-01-01T00:00:00Z',
      ...c,
    })) as Condition[],
  },
});
const summary = (o: Conditioned): string[] =>
  (o.status?.conditions ?? []).map((c) => `${c.type}=${c.status}/${c.reason}/${c.message}`);
const withRequeue = (interval: number) => (ms: number, err: string | undefined) =>
  err === undefined && ms === interval;

describe('fluxcd/pkg ResultFinalizer, as the image controllers use it', () => {
  it('turns a clean run into Ready=True with the success message and drops Reconciling', () => {
    const o = obj();
    progressiveStatus(o, false, 'Progressing', 'reconciliation in progress');
    o.status.conditions = o.status.conditions.filter((c) => c.type !== 'Ready');
    expect(finalizeResult(o, { requeueAfterMs: 1000 }, withRequeue(1000), 'all good')).toBeUndefined();
    expect(summary(o)).toEqual(['Ready=True/Succeeded/all good']);
    expect(isReady(o)).toBe(true);
    expect(shouldRecordGeneration(o)).toBe(true);
  });

  it('keeps a failure reason, and marks Reconciling ProgressingWithRetry', () => {
    const o = obj([{ type: 'Ready', status: 'True', reason: 'Succeeded', message: 'old' }]);
    progressiveStatus(o, false, 'Progressing', 'reconciliation in progress');
    markFalse(o, 'Ready', 'ReadOperationFailed', 'scan failed: x');
    const error = finalizeResult(o, { requeueAfterMs: 0, error: 'scan failed: x' }, withRequeue(1000), 'ok');
    expect(error).toBe('scan failed: x');
    expect(summary(o)).toEqual([
      'Reconciling=True/ProgressingWithRetry/reconciliation in progress',
      'Ready=False/ReadOperationFailed/scan failed: x',
    ]);
    expect(shouldRecordGeneration(o)).toBe(false);
  });

  it('copies a stall into Ready=False and records the generation', () => {
    const o = obj();
    progressiveStatus(o, false, 'Progressing', 'reconciliation in progress');
    markStalled(o, 'ImageURLInvalid', 'could not parse reference: X');
    expect(finalizeResult(o, { requeueAfterMs: 0 }, withRequeue(1000), 'ok')).toBeUndefined();
    expect(summary(o)).toEqual([
      'Stalled=True/ImageURLInvalid/could not parse reference: X',
      'Ready=False/ImageURLInvalid/could not parse reference: X',
    ]);
    expect(shouldRecordGeneration(o)).toBe(true);
  });

  it('marks an unexpected error Ready=False Failed when Ready was not already False', () => {
    const o = obj([{ type: 'Ready', status: 'Unknown', reason: 'Progressing', message: 'x' }]);
    finalizeResult(o, { requeueAfterMs: 0, error: 'boom' }, withRequeue(1000), 'ok');
    expect(summary(o)).toEqual(['Ready=False/Failed/boom']);
  });

  it('for a no-requeue reconciler (ImagePolicy without digest refresh), success is a zero result', () => {
    const o = obj();
    expect(finalizeResult(o, { requeueAfterMs: 0 }, withRequeue(0), 'resolved')).toBeUndefined();
    expect(summary(o)).toEqual(['Ready=True/Succeeded/resolved']);
  });

  it('a dependency wait (requeue that is not success) is not a stall and keeps Ready=False', () => {
    const o = obj([{ type: 'Stalled', status: 'True', reason: 'X', message: 'y' }]);
    markFalse(o, 'Ready', 'DependencyNotReady', 'waiting');
    finalizeResult(o, { requeueAfterMs: 30_000 }, withRequeue(0), 'resolved');
    expect(summary(o)).toEqual(['Ready=False/DependencyNotReady/waiting']);
  });

  it('progressiveStatus leaves a known Ready alone unless there is drift', () => {
    const o = obj([{ type: 'Ready', status: 'True', reason: 'Succeeded', message: 'ok' }]);
    progressiveStatus(o, false, 'Progressing', 'scanning: first scan');
    expect(summary(o)).toEqual([
      'Reconciling=True/Progressing/scanning: first scan',
      'Ready=True/Succeeded/ok',
    ]);
    progressiveStatus(o, true, 'Progressing', 'scanning: no tags in database');
    expect(summary(o)[1]).toBe('Ready=Unknown/Progressing/scanning: no tags in database');
  });
});
