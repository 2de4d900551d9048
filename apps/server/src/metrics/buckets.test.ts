import { describe, expect, it } from 'vitest';
import { exponentialBuckets, exponentialBucketsRange, GOTK_DURATION_BUCKETS } from './buckets.js';

describe('histogram buckets as the Go client computes them', () => {
  it.each([
    { start: 1, factor: 2, count: 4, want: [1, 2, 4, 8] },
    { start: 10e-9, factor: 10, count: 3, want: [1e-8, 1e-7, 1e-6] },
  ])('ExponentialBuckets($start, $factor, $count)', ({ start, factor, count, want }) => {
    const got = exponentialBuckets(start, factor, count);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 15));
  });

  it.each([
    { min: 1, max: 8, count: 4, want: [1, 2, 4, 8] },
    { min: 1, max: 100, count: 3, want: [1, 10, 100] },
    { min: 5, max: 6, count: 1, want: [5] },
  ])('ExponentialBucketsRange($min, $max, $count)', ({ min, max, count, want }) => {
    const got = exponentialBucketsRange(min, max, count);
    expect(got).toHaveLength(want.length);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 9));
  });

  it("gives Flux's duration buckets: 10 of them from 10 ms to 30 min", () => {
    expect(GOTK_DURATION_BUCKETS).toHaveLength(10);
    expect(GOTK_DURATION_BUCKETS[0]).toBeCloseTo(0.01, 12);
    expect(GOTK_DURATION_BUCKETS[9]).toBeCloseTo(1800, 6);
    // The factor is (1800 / 0.01)^(1/9) ≈ 3.836.
    expect((GOTK_DURATION_BUCKETS[1] ?? 0) / (GOTK_DURATION_BUCKETS[0] ?? 1)).toBeCloseTo(3.8364, 3);
  });

  it.each([
    () => exponentialBuckets(0, 2, 3),
    () => exponentialBuckets(1, 1, 3),
    () => exponentialBucketsRange(2, 1, 3),
    () => exponentialBucketsRange(1, 2, 0),
  ])('refuses arguments Go panics on (%#)', (call) => expect(call).toThrow());
});
