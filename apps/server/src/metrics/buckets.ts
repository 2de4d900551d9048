/**
 * Histogram buckets as Prometheus' Go client computes them, so Tideline's histograms have the
 * same `le` boundaries as Flux's and controller-runtime's (dashboards and recording rules that
 * pick a bucket keep working).
 */

/** Go's `prometheus.ExponentialBuckets(start, factor, count)`. Pure. */
export function exponentialBuckets(start: number, factor: number, count: number): number[] {
  if (count < 1 || start <= 0 || factor <= 1) throw new Error('exponentialBuckets: invalid arguments');
  return Array.from({ length: count }, (_, i) => start * factor ** i);
}

/** Go's `prometheus.ExponentialBucketsRange(min, max, count)`. Pure. */
export function exponentialBucketsRange(min: number, max: number, count: number): number[] {
  if (count < 1 || min <= 0 || max <= min) throw new Error('exponentialBucketsRange: invalid arguments');
  if (count === 1) return [min];
  const factor = (max / min) ** (1 / (count - 1));
  return Array.from({ length: count }, (_, i) => min * factor ** i);
}

/** `gotk_reconcile_duration_seconds` (fluxcd/pkg runtime/metrics: 10 ms … 30 min, 10 buckets). */
export const GOTK_DURATION_BUCKETS = exponentialBucketsRange(10e-3, 1800, 10);

/** client-go's workqueue latency and work duration histograms (1 ns … 1000 s). */
export const WORKQUEUE_BUCKETS = exponentialBuckets(10e-9, 10, 12);

/** `controller_runtime_reconcile_time_seconds`. */
export const RECONCILE_TIME_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25,
  1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
];
