import { describe, expect, it } from 'vitest';
import { startTicker } from './ticker.js';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('startTicker', () => {
  it('runs periodically, survives failures, and stops', async () => {
    let runs = 0;
    const logs: string[] = [];
    const ticker = startTicker(
      't',
      5,
      async () => {
        runs++;
        if (runs === 1) throw new Error('first run fails');
      },
      (line) => logs.push(line),
    );
    await tick(40);
    await ticker.stop();
    const seen = runs;
    expect(seen).toBeGreaterThanOrEqual(3);
    expect(logs[0]).toBe('t: first run fails');
    await tick(20);
    expect(runs).toBe(seen);
  });
});
