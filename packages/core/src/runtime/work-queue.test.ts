import { describe, expect, it } from 'vitest';
import { failureBackoff } from './backoff.js';
import { jitter } from './jitter.js';
import { WorkQueue } from './work-queue.js';

describe('WorkQueue', () => {
  it('de-duplicates keys waiting in the queue', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('a');
    q.add('b');
    expect(q.size()).toBe(2);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBe('b');
  });

  it('runs a key again when it was added while being processed', async () => {
    const q = new WorkQueue();
    q.add('a');
    const key = await q.get();
    q.add('a');
    expect(q.size()).toBe(0);
    q.done(key ?? '');
    expect(await q.get()).toBe('a');
  });

  it('keeps the earliest of two delayed adds', async () => {
    const q = new WorkQueue();
    q.addAfter('a', 10_000);
    q.addAfter('a', 20);
    const start = Date.now();
    expect(await q.get()).toBe('a');
    expect(Date.now() - start).toBeLessThan(5_000);
    q.shutdown();
  });

  it('holds a delay longer than a Node timer can (a 720h interval) instead of firing at once', async () => {
    // Found by duration.property.test.ts: setTimeout fires a delay over 2^31-1 ms after 1 ms.
    const q = new WorkQueue();
    q.addAfter('a', 720 * 3_600_000);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('nothing yet'), 100));
    expect(await Promise.race([q.get(), timeout])).toBe('nothing yet');
    q.shutdown();
  });

  it('hands a key to a waiting worker at once', async () => {
    const q = new WorkQueue();
    const next = q.get();
    q.add('x');
    expect(await next).toBe('x');
  });

  it('answers undefined after shutdown', async () => {
    const q = new WorkQueue();
    const next = q.get();
    q.shutdown();
    expect(await next).toBeUndefined();
  });
});

describe('timing', () => {
  it('backs off from 750 ms doubling to 15 minutes', () => {
    expect([1, 2, 3, 4].map((n) => failureBackoff(n))).toEqual([750, 1500, 3000, 6000]);
    expect(failureBackoff(40)).toBe(15 * 60_000);
  });

  it('jitters by ±5%', () => {
    expect(jitter(60_000, 0.05, () => 0)).toBe(57_000);
    expect(jitter(60_000, 0.05, () => 1)).toBe(63_000);
    expect(jitter(60_000, 0.05, () => 0.5)).toBe(60_000);
  });
});

describe('work queue metrics (client-go semantics)', () => {
  it('counts adds once per waiting key, reports depth, wait and work, and retries', async () => {
    const seen = { added: 0, depth: [] as number[], waited: 0, worked: 0, retried: 0 };
    const queue = new WorkQueue({
      added: () => void seen.added++,
      depth: (n) => void seen.depth.push(n),
      waited: () => void seen.waited++,
      worked: () => void seen.worked++,
      retried: () => void seen.retried++,
    });
    queue.add('a');
    queue.add('a'); // already waiting: not an add
    queue.add('b');
    expect(seen.added).toBe(2);
    expect(seen.depth).toEqual([1, 2]);
    const key = await queue.get();
    expect(seen.depth.at(-1)).toBe(1);
    queue.add('a'); // while processing: marked dirty, counted once
    queue.add('a');
    expect(seen.added).toBe(3);
    queue.done(key ?? '');
    queue.addRateLimited('c');
    expect(seen).toMatchObject({ waited: 1, worked: 1, retried: 1 });
    queue.shutdown();
    expect(seen.depth.at(-1)).toBe(0);
  });
});
