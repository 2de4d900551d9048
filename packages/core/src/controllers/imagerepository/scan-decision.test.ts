import { describe, expect, it } from 'vitest';
import { sameContent, shouldScan, type ScanInputs } from './scan-decision.js';

const now = new Date('2026-01-01T00:10:00Z');
const base: ScanInputs = {
  intervalMs: 5 * 60_000,
  lastScanTime: '2026-01-01T00:08:00Z',
  requestedAt: 'a',
  lastHandledReconcileAt: 'a',
  canonicalImageName: 'ghcr.io/org/app',
  statusCanonicalImageName: 'ghcr.io/org/app',
  exclusionList: ['^.*\\.sig$'],
  observedExclusionList: ['^.*\\.sig$'],
  storedTagCount: 3,
  now,
};

describe('shouldScan (image-reflector-controller)', () => {
  it.each([
    [{ lastScanTime: undefined }, 'first scan'],
    [{ requestedAt: 'b' }, 'reconcile requested'],
    [{ statusCanonicalImageName: 'ghcr.io/org/old' }, 'new image name'],
    [{ observedExclusionList: [] }, 'updated exclusion list'],
    [{ storedTagCount: 0 }, 'no tags in database'],
    [{ lastScanTime: '2026-01-01T00:05:00.500Z' }, 'triggered by interval'],
    // Reasons are checked in order: a request wins over an empty store.
    [{ requestedAt: 'b', storedTagCount: 0 }, 'reconcile requested'],
  ])('%j scans: %s', (change, reason) => {
    expect(shouldScan({ ...base, ...change })).toEqual({ scan: true, reason, whenMs: base.intervalMs });
  });

  it('waits for the rest of the interval otherwise', () => {
    expect(shouldScan(base)).toEqual({ scan: false, whenMs: 3 * 60_000 });
    expect(shouldScan({ ...base, requestedAt: undefined, lastHandledReconcileAt: undefined }).scan).toBe(
      false,
    );
  });

  it('compares exclusion lists by content, not order', () => {
    expect(sameContent(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameContent(['a'], ['a', 'b'])).toBe(false);
    expect(sameContent(['a'], undefined)).toBe(false);
  });
});
