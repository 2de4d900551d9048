// Every tsconfig that type-checks what the builds leave out: tests, fixtures, e2e and bench.
export const TYPECHECK_PROJECTS = [
  'packages/core/tsconfig.check.json',
  'packages/sandbox/tsconfig.check.json',
  'apps/server/tsconfig.check.json',
  'apps/web/tsconfig.json',
  'e2e/tsconfig.json',
  'bench/tsconfig.json',
];
