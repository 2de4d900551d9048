import type { Parameters } from 'fast-check';

/**
 * The number of runs of a property: `defaultRuns` in `npm test` (a few seconds per target), or
 * `FUZZ_RUNS` when set (`npm run fuzz` sets 100000). Test-only: core itself never reads the env.
 */
export function fuzzRuns(defaultRuns: number): number {
  const fromEnv = Number(process.env.FUZZ_RUNS);
  return Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultRuns;
}

/**
 * fast-check parameters for one property: {@link fuzzRuns} runs, and `FUZZ_SEED` to replay the
 * seed a failure printed.
 */
export function fuzzParameters<T>(defaultRuns: number): Parameters<T> {
  const seed = Number(process.env.FUZZ_SEED);
  return {
    numRuns: fuzzRuns(defaultRuns),
    ...(Number.isSafeInteger(seed) && process.env.FUZZ_SEED ? { seed } : {}),
  };
}
