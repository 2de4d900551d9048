import { describe, expect, it } from 'vitest';
import { WorkQueue, type ReconcileResult } from './work-queue.js';

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function recorder(
  impl: (key: string, calls: string[]) => Promise<ReconcileResult> | ReconcileResult = () => ({}),
) {
  const calls: string[] = [];
  const logs: string[] = [];
  const queue = new WorkQueue({
    name: 'test',
    reconcile: async (key) => {
      calls.push(key);
      return impl(key, calls);
    },
    logger: (line) => logs.push(line),
    backoff: { baseMs: 5, maxMs: 20 },
  });
  return { queue, calls, logs };
}

describe('WorkQueue', () => {
  it('runs a key added several times once', async () => {
    const { queue, calls } = recorder(async () => {
      await tick(5);
      return {};
    });
    queue.add('a');
    queue.add('b');
    queue.add('b');
    await tick(30);
    // 'a' was running when nothing else was added; 'b' was queued twice before it ran.
    expect(calls).toEqual(['a', 'b']);
    await queue.stop();
  });

  it('reruns a key that was added while it ran', async () => {
    const { queue, calls } = recorder(async () => {
      await tick(5);
      return {};
    });
    queue.add('a');
    await tick(1);
    queue.add('a');
    await tick(30);
    expect(calls).toEqual(['a', 'a']);
    await queue.stop();
  });

  it('honours requeueAfterMs', async () => {
    const { queue, calls } = recorder((_key, seen) => (seen.length < 3 ? { requeueAfterMs: 5 } : {}));
    queue.add('a');
    await tick(60);
    expect(calls).toEqual(['a', 'a', 'a']);
    await queue.stop();
  });

  it('retries failures with backoff and logs them', async () => {
    const { queue, calls, logs } = recorder((_key, seen) => {
      if (seen.length < 3) throw new Error('boom');
      return {};
    });
    queue.add('a');
    await tick(80);
    expect(calls).toEqual(['a', 'a', 'a']);
    expect(logs[0]).toMatch(/^test a: boom \(retry in 5 ms\)$/);
    expect(logs[1]).toMatch(/retry in 10 ms/);
    await queue.stop();
  });

  it('lets an immediate add override a pending delayed one', async () => {
    const { queue, calls } = recorder();
    queue.add('a', 10_000);
    queue.add('a');
    await tick(5);
    expect(calls).toEqual(['a']);
    await queue.stop();
  });

  it('drops pending work on stop and waits for running reconciles', async () => {
    let finished = false;
    const { queue, calls } = recorder(async () => {
      await tick(10);
      finished = true;
      return { requeueAfterMs: 1 };
    });
    queue.add('a');
    queue.add('b', 5);
    await tick(1);
    await queue.stop();
    expect(finished).toBe(true);
    await tick(20);
    expect(calls).toEqual(['a']);
  });
});
