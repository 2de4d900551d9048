import { describe, expect, it } from 'vitest';
import { deadlineSignal } from './deadline.js';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('deadlineSignal', () => {
  it('aborts with a TimeoutError at the deadline', async () => {
    const { signal } = deadlineSignal(50);
    await tick(100);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('aborts with the parent, with the parent reason', () => {
    const parent = new AbortController();
    const { signal } = deadlineSignal(10_000, parent.signal);
    parent.abort(new Error('stopped'));
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toEqual(new Error('stopped'));
  });

  it('starts aborted under an aborted parent', () => {
    expect(deadlineSignal(10_000, AbortSignal.abort('gone')).signal.aborted).toBe(true);
  });

  it('never fires once disposed', async () => {
    const { signal, dispose } = deadlineSignal(20);
    dispose();
    await tick(60);
    expect(signal.aborted).toBe(false);
  });
});
