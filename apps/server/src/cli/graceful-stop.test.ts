import { describe, expect, it } from 'vitest';
import { stopWithDeadline, type ProcessHooks } from './graceful-stop.js';

function harness(stopTakesMs: number): {
  hooks: ProcessHooks;
  signal(s: NodeJS.Signals): void;
  exits: number[];
  events: string[];
  running: { markStopping(): void; stop(): Promise<void> };
} {
  const exits: number[] = [];
  const events: string[] = [];
  let handler: ((s: NodeJS.Signals) => void) | undefined;
  return {
    exits,
    events,
    hooks: { onSignal: (h) => void (handler = h), exit: (code) => void exits.push(code) },
    signal: (s) => handler?.(s),
    running: {
      markStopping: () => void events.push('not ready'),
      stop: () =>
        new Promise((resolve) => {
          events.push('stop');
          setTimeout(resolve, stopTakesMs);
        }),
    },
  };
}

describe('stopWithDeadline', () => {
  it('turns readiness off, then stops, and resolves 0 within the deadline', async () => {
    const h = harness(20);
    const done = stopWithDeadline(h.running, 1_000, () => undefined, h.hooks);
    h.signal('SIGTERM');
    expect(await done).toBe(0);
    expect(h.events).toEqual(['not ready', 'stop']);
    expect(h.exits).toEqual([]);
  });

  it('exits 1 when the stop overruns the deadline', async () => {
    const h = harness(5_000);
    const lines: string[] = [];
    void stopWithDeadline(h.running, 50, (l) => lines.push(l), h.hooks);
    h.signal('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.exits).toEqual([1]);
    expect(lines.at(-1)).toBe('✗ graceful shutdown did not finish within 50ms: exiting');
  });

  it('exits 1 at once on a second signal', () => {
    const h = harness(5_000);
    void stopWithDeadline(h.running, 10_000, () => undefined, h.hooks);
    h.signal('SIGINT');
    h.signal('SIGINT');
    expect(h.exits).toEqual([1]);
  });
});
