import { defineConfig } from 'vitest/config';

// Unit and integration tests live beside the code as *.test.ts. Integration files each start
// their own sandbox of real peers (a cluster, Git, chart and OCI servers on free loopback
// ports), so they share no state and run side by side: a sandbox spends most of a test
// waiting on its peers, which leaves room for a second file even on 2 cores.
// TIDELINE_TEST_WORKERS overrides the number of files at once.
const workers = Number(process.env.TIDELINE_TEST_WORKERS ?? 3);

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      'apps/web/src/**/*.test.ts',
      'bench/src/**/*.test.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    fileParallelism: workers > 1,
    maxWorkers: workers,
    reporters: ['default'],
  },
});
