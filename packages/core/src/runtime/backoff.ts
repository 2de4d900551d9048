/** controller-runtime's per-item exponential failure backoff: 750 ms doubling up to 15 min. */
export const MIN_RETRY_DELAY_MS = 750;
export const MAX_RETRY_DELAY_MS = 15 * 60_000;

/** Delay before retry number `failures` (1-based). Pure. */
export function failureBackoff(failures: number, min = MIN_RETRY_DELAY_MS, max = MAX_RETRY_DELAY_MS): number {
  return Math.min(max, min * 2 ** Math.max(0, failures - 1));
}
