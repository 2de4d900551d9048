import { describe, expect, it } from 'vitest';
import {
  finalizeConditions,
  getCondition,
  markFalse,
  markReconciling,
  markStalled,
  markTrue,
  setCondition,
  truncateMessage,
  type Conditioned,
} from './conditions.js';

const t0 = new Date('2026-01-01T10:00:00.789Z');
const t1 = new Date('2026-01-01T10:05:00Z');
const fresh = (generation = 3): Conditioned => ({ metadata: { generation } });

describe('conditions', () => {
  it('copies the generation and truncates the time to seconds', () => {
    const obj = fresh();
    markTrue(obj, 'Ready', 'Succeeded', 'ok', t0);
    expect(getCondition(obj, 'Ready')).toEqual({
      type: 'Ready',
      status: 'True',
      observedGeneration: 3,
      lastTransitionTime: '2026-01-01T10:00:00Z',
      reason: 'Succeeded',
      message: 'ok',
    });
  });

  it('moves lastTransitionTime only when status, reason or message change', () => {
    const obj = fresh();
    markTrue(obj, 'Ready', 'Succeeded', 'ok', t0);
    markTrue(obj, 'Ready', 'Succeeded', 'ok', t1);
    expect(getCondition(obj, 'Ready')?.lastTransitionTime).toBe('2026-01-01T10:00:00Z');
    markTrue(obj, 'Ready', 'Succeeded', 'changed', t1);
    expect(getCondition(obj, 'Ready')?.lastTransitionTime).toBe('2026-01-01T10:05:00Z');
  });

  it('keeps Stalled, Reconciling, Ready first, then the rest by type', () => {
    const obj = fresh();
    setCondition(obj, 'Healthy', 'True', 'Succeeded', '', t0);
    setCondition(obj, 'ArtifactInStorage', 'True', 'Succeeded', '', t0);
    markTrue(obj, 'Ready', 'Succeeded', '', t0);
    markReconciling(obj, 'Progressing', '', t0);
    expect(obj.status?.conditions?.map((c) => c.type)).toEqual([
      'Reconciling',
      'Ready',
      'ArtifactInStorage',
      'Healthy',
    ]);
  });

  it('makes Reconciling and Stalled mutually exclusive', () => {
    const obj = fresh();
    markReconciling(obj, 'Progressing', 'x', t0);
    markStalled(obj, 'URLInvalid', 'bad', t0);
    expect(obj.status?.conditions?.map((c) => c.type)).toEqual(['Stalled']);
    markReconciling(obj, 'Progressing', 'x', t0);
    expect(obj.status?.conditions?.map((c) => c.type)).toEqual(['Reconciling']);
  });

  it('finalizes: Ready=True drops Reconciling; Ready=False turns it into ProgressingWithRetry', () => {
    const ok = fresh();
    markReconciling(ok, 'Progressing', 'building', t0);
    markTrue(ok, 'Ready', 'Succeeded', 'done', t0);
    finalizeConditions(ok, t0);
    expect(getCondition(ok, 'Reconciling')).toBeUndefined();

    const failed = fresh();
    markReconciling(failed, 'Progressing', 'building', t0);
    markFalse(failed, 'Ready', 'BuildFailed', 'boom', t0);
    finalizeConditions(failed, t0);
    expect(getCondition(failed, 'Reconciling')?.reason).toBe('ProgressingWithRetry');
  });

  it('never stores credentials embedded in URLs', () => {
    const obj = fresh();
    markFalse(
      obj,
      'Ready',
      'GitOperationFailed',
      "unable to clone 'https://bob:s3cret@git.example.com/r.git'",
      t0,
    );
    expect(getCondition(obj, 'Ready')?.message).toBe("unable to clone 'https://***@git.example.com/r.git'");
  });

  it('caps messages at 32768 characters ending in ...', () => {
    const long = 'x'.repeat(40000);
    const cut = truncateMessage(long);
    expect(cut).toHaveLength(32768);
    expect(cut.endsWith('...')).toBe(true);
    expect(truncateMessage('short')).toBe('short');
  });
});
