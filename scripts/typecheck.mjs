#!/usr/bin/env node
// `npm run typecheck`: the type-checking gate of `npm test` alone (run after a build).
import { run } from './run.mjs';
import { REPO_ROOT } from './setup.mjs';
import { TYPECHECK_PROJECTS } from './typecheck-projects.mjs';

for (const project of TYPECHECK_PROJECTS) run('npx', ['tsc', '--noEmit', '-p', project], { cwd: REPO_ROOT });
