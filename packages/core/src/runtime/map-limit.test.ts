import { describe, expect, it } from 'vitest';
import { mapLimit } from './map-limit.js';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('mapLimit', () => {
  it('keeps input order whatever order calls finish in', async () => {
    const out = await mapLimit([30, 10, 20], 3, async (ms) => {
      await tick(ms);
      return ms;
    });
    expect(out).toEqual([30, 10, 20].map((value) => ({ status: 'fulfilled', value })));
  });

  it('never has more than `limit` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    await mapLimit(
      Array.from({ length: 12 }, (_, i) => i),
      4,
      async () => {
        peak = Math.max(peak, ++inFlight);
        await tick(5);
        inFlight--;
      },
    );
    expect(peak).toBe(4);
  });

  it('settles every call and reports failures where they happened', async () => {
    const out = await mapLimit([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('two');
      return n;
    });
    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((out[1] as PromiseRejectedResult).reason).toEqual(new Error('two'));
  });

  it('returns nothing for nothing', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});
