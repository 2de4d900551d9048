#!/usr/bin/env node
// `npm start`: set up what is missing, build, and start Tideline on its embedded sandbox.
// Extra arguments go to `tideline start` (e.g. `npm start -- --kubeconfig ~/.kube/config`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { QUIET_ENV, run } from './run.mjs';
import { REPO_ROOT, setup } from './setup.mjs';

const args = process.argv.slice(2);
setup({ sandbox: !args.includes('--kubeconfig') });
run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: REPO_ROOT });
const res = spawnSync(process.execPath, [join(REPO_ROOT, 'apps/server/bin/tideline.js'), 'start', ...args], {
  stdio: 'inherit',
  env: { ...process.env, ...QUIET_ENV },
});
process.exit(res.status ?? 1);
