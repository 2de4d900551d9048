/** Flux's default interval jitter: ±5%. */
export const DEFAULT_JITTER = 0.05;

/** `ms` spread by ±`fraction` (random in [ms·(1−f), ms·(1+f)]). Pure given `random`. */
export function jitter(ms: number, fraction = DEFAULT_JITTER, random: () => number = Math.random): number {
  return Math.round(ms * (1 - fraction + 2 * fraction * random()));
}
