/**
 * The longest delay a Node timer holds: 2^31−1 ms (about 24.8 days). Node fires a longer
 * timer after 1 ms (with a TimeoutOverflowWarning), and `AbortSignal.timeout` throws beyond
 * 2^32−1, so a Flux interval of `720h` — valid in Flux — would requeue at once, for ever.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * A delay a timer can hold: `ms` itself when it fits, the longest one otherwise (a wait of 24.8
 * days instead of 30 wakes a reconciler early once, never in a loop); negative or NaN is 0. Pure.
 */
export function timerDelay(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(ms, MAX_TIMER_DELAY_MS);
}
