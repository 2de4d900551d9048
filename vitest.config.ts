import { defineConfig } from 'vitest/config';

// Unit and integration tests live beside the code as *.test.ts. Integration tests start
// real peers (sandbox), so files run one at a time on this 2-core machine.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
