#!/usr/bin/env node
// `npm test`: set up a fresh machine, build, hold the quality gates (formatting, lint with the
// layer boundaries, type-checking of every test, fixture, e2e and bench file), then every
// test: unit and integration (vitest, against the real sandbox peers) and end-to-end
// (Playwright in Debian Chromium). Prints how long each phase took, for the CI budget.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.mjs';
import { REPO_ROOT, setup } from './setup.mjs';
import { TYPECHECK_PROJECTS } from './typecheck-projects.mjs';

const phases = [];
function phase(name, fn) {
  const started = Date.now();
  fn();
  phases.push([name, (Date.now() - started) / 1000]);
}

phase('setup', () => setup());
phase('build', () => run('npx', ['turbo', 'run', 'build'], { cwd: REPO_ROOT }));
phase('gates', () => {
  run('npx', ['prettier', '--check', '.'], { cwd: REPO_ROOT });
  run('npx', ['eslint', '.'], { cwd: REPO_ROOT });
  for (const project of TYPECHECK_PROJECTS)
    run('npx', ['tsc', '--noEmit', '-p', project], { cwd: REPO_ROOT });
});
// The README's `npx tideline …` after install, from a fresh clone with nothing built.
phase('fresh clone', () => run('node', ['scripts/fresh-clone.mjs'], { cwd: REPO_ROOT }));
phase('vitest (unit and integration)', () => run('npx', ['vitest', 'run'], { cwd: REPO_ROOT }));
if (existsSync(join(REPO_ROOT, 'e2e', 'playwright.config.ts'))) {
  phase('e2e', () =>
    run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], { cwd: REPO_ROOT }),
  );
}
console.log('\nnpm test phases:');
for (const [name, seconds] of phases) console.log(`  ${name.padEnd(32)} ${seconds.toFixed(0).padStart(5)} s`);
