import type { Parameters } from 'fast-check';

/** How a property scales from `npm test` to `npm run fuzz`. */
export interface FuzzScale {
  /**
   * The most runs a long run gives this property: for properties that start a real program
   * per run (kustomize, git), where 100,000 runs would take hours.
   */
  maxRuns?: number;
}

/**
 * The number of runs of a property: `defaultRuns` in `npm test` (a few seconds per target), or
 * `FUZZ_RUNS` when set (`npm run fuzz` sets 100000), at most `maxRuns`. Test-only: core itself
 * never reads the env.
 */
export function fuzzRuns(defaultRuns: number, scale: FuzzScale = {}): number {
  const fromEnv = Number(process.env.FUZZ_RUNS);
  const runs = Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultRuns;
  return Math.min(runs, Math.max(defaultRuns, scale.maxRuns ?? runs));
}

/**
 * fast-check parameters for one property: {@link fuzzRuns} runs, and `FUZZ_SEED` to replay the
 * seed a failure printed.
 */
export function fuzzParameters<T>(defaultRuns: number, scale: FuzzScale = {}): Parameters<T> {
  const seed = Number(process.env.FUZZ_SEED);
  return {
    numRuns: fuzzRuns(defaultRuns, scale),
    ...(Number.isSafeInteger(seed) && process.env.FUZZ_SEED ? { seed } : {}),
  };
}
