#!/usr/bin/env node
// `npm run fuzz`: the property tests (*.property.test.ts) with many more runs than `npm test`.
// FUZZ_RUNS (default 100000) sets the runs per property; FUZZ_SEED replays a reported failure.
// Extra arguments narrow the files, e.g. `npm run fuzz -- tar-reader.property`.
import { run } from './run.mjs';
import { REPO_ROOT } from './setup.mjs';

const filters = process.argv.slice(2);
run(
  'npx',
  ['vitest', 'run', '--testTimeout=86400000', ...(filters.length ? filters : ['.property.test.ts'])],
  {
    cwd: REPO_ROOT,
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '100000' },
  },
);
