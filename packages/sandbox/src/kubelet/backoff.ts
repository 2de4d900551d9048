/** Bounds of an exponential backoff. */
export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** The delay never grows beyond this. */
  maxMs: number;
}

/**
 * Delay before the next attempt after `failures` consecutive failures (1 = first failure):
 * base, 2×base, 4×base, … capped at max. Pure.
 */
export function backoffDelayMs(failures: number, policy: BackoffPolicy): number {
  if (failures <= 0) return 0;
  const exponent = Math.min(failures - 1, 30);
  return Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
}
