#!/usr/bin/env node
// `npm test`: set up a fresh machine, build, then every test: unit and integration (vitest,
// against the real sandbox peers) and end-to-end (Playwright in Debian Chromium).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.mjs';
import { REPO_ROOT, setup } from './setup.mjs';

setup();
run('npx', ['turbo', 'run', 'build'], { cwd: REPO_ROOT });
run('npx', ['eslint', '.'], { cwd: REPO_ROOT });
run('npx', ['vitest', 'run'], { cwd: REPO_ROOT });
if (existsSync(join(REPO_ROOT, 'e2e', 'playwright.config.ts'))) {
  run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], { cwd: REPO_ROOT });
}
