import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailureThrottle } from './failure-throttle.js';
import { ThrottleFile } from './throttle-file.js';

const limits = { perKey: 3, globalBudget: 10, windowMs: 1000 };

describe('failure throttle', () => {
  it('refuses a key after its limit, not others, and forgives after the window', () => {
    let now = 0;
    const throttle = new FailureThrottle(limits, () => now);
    for (let i = 0; i < 3; i++) throttle.fail('1.2.3.4');
    expect(throttle.waitMs('1.2.3.4')).toBe(1000);
    expect(throttle.waitMs('5.6.7.8')).toBe(0);
    now = 400;
    expect(throttle.waitMs('1.2.3.4')).toBe(600);
    now = 1000;
    expect(throttle.waitMs('1.2.3.4')).toBe(0);
  });

  it('never evicts a throttled key, however many other keys fail (a table flood)', () => {
    let now = 0;
    const throttle = new FailureThrottle(limits, () => now);
    for (let i = 0; i < 3; i++) throttle.fail('victim');
    for (let i = 0; i < 10_000; i++) throttle.fail(`attacker-${i}`);
    expect(throttle.waitMs('victim')).toBeGreaterThan(0);
    expect(throttle.size).toBeLessThanOrEqual(throttle.capacity);
    // The flood spent the global budget: every key waits, the flooders included.
    expect(throttle.waitMs('attacker-9999')).toBeGreaterThan(0);
    expect(throttle.waitMs('somebody-new')).toBeGreaterThan(0);
    now = 1000;
    expect(throttle.waitMs('somebody-new')).toBe(0);
  });

  it('stays bounded over many windows of floods', () => {
    let now = 0;
    const throttle = new FailureThrottle(limits, () => now);
    for (let window = 0; window < 50; window++) {
      for (let i = 0; i < 100; i++) throttle.fail(`k-${window}-${i}`);
      expect(throttle.size).toBeLessThanOrEqual(throttle.capacity);
      now += 700;
    }
  });

  it('restores a snapshot, dropping expired windows and clamping ones from a clock that moved back', () => {
    const throttle = new FailureThrottle(limits, () => 5000, {
      global: { count: 2, resetAt: 5500 },
      keys: {
        live: { count: 3, resetAt: 5800 },
        expired: { count: 9, resetAt: 4000 },
        future: { count: 3, resetAt: 99_999_999 },
        junk: { count: 'x', resetAt: 6000 } as unknown as { count: number; resetAt: number },
      },
    });
    expect(throttle.waitMs('live')).toBe(800);
    expect(throttle.waitMs('expired')).toBe(0);
    expect(throttle.waitMs('future')).toBe(1000);
    expect(Object.keys(throttle.snapshot().keys).sort()).toEqual(['future', 'live']);
  });
});

describe('throttle file', () => {
  it('survives a restart: a throttled key is still refused by the next process', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'throttle-')), 'login-throttle.json');
    let now = 10_000;
    const first = new ThrottleFile(path, limits, () => now, 10);
    for (let i = 0; i < 3; i++) first.throttle.fail('1.2.3.4');
    await first.flush();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    first.close();
    now = 10_500;
    const second = new ThrottleFile(path, limits, () => now, 10);
    expect(second.throttle.waitMs('1.2.3.4')).toBe(500);
    second.close();
  });

  it('writes at close what the debounce had not written yet, and keeps the file bounded', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'throttle-')), 'credential-throttle.json');
    const file = new ThrottleFile(path, limits, () => 0, 60_000);
    for (let i = 0; i < 5000; i++) file.throttle.fail(`2001:db8::${i.toString(16)}`);
    file.close();
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { keys: Record<string, unknown> };
    expect(Object.keys(stored.keys)).toHaveLength(2 * limits.globalBudget);
  });

  it('starts empty from a missing, damaged or oversized file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'throttle-'));
    writeFileSync(join(dir, 'damaged.json'), '{"keys": {"a": ');
    const huge = Object.fromEntries(
      Array.from({ length: 5000 }, (_, i) => [`k${i}`, { count: 9, resetAt: 1e15 }]),
    );
    writeFileSync(join(dir, 'huge.json'), JSON.stringify({ keys: huge }));
    for (const name of ['none.json', 'damaged.json', 'huge.json']) {
      const file = new ThrottleFile(join(dir, name), limits);
      expect({ name, size: file.throttle.size }).toEqual({ name, size: 0 });
      file.close();
    }
  });
});
