#!/usr/bin/env node
// The README's promise, tried as a new user would: clone the repository, install, then
// `npx tideline sandbox up` — with nothing built. Checks that the command builds itself (with
// progress on stderr), brings the sandbox up, and that a second command does not build again.
//
// It clones what is committed (HEAD), into a temp dir. To keep its cost bounded it does not
// download packages: `node_modules` is copied from this checkout as hard links (`cp -al`, ~2 s;
// the workspace links in it are relative, so they point into the clone). A symlink to this
// checkout's node_modules would not do: Node resolves it to its real path, and `@tideline/*`
// would then load this checkout's already-built dist/. `--npm-ci` runs `npm ci --offline`
// (from npm's cache) instead, which is what a user runs but takes minutes here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './setup.mjs';

const useNpmCi = process.argv.includes('--npm-ci');
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'tideline-fresh-clone-'));
const clone = join(work, 'tideline');
const sandboxDir = join(work, 'sandbox');

function sh(command, args, options = {}) {
  const started = Date.now();
  const res = spawnSync(command, args, { encoding: 'utf8', ...options });
  return { ...res, seconds: (Date.now() - started) / 1000 };
}

function fail(message, res) {
  console.error(`✗ ${message}`);
  if (res) console.error(`--- stdout\n${res.stdout}\n--- stderr\n${res.stderr}`);
  process.exitCode = 1;
}

function check() {
  console.log(`► cloning ${REPO_ROOT} (HEAD) into ${clone}`);
  const cloned = sh('git', ['clone', '--quiet', '--no-hardlinks', REPO_ROOT, clone]);
  if (cloned.status !== 0) return fail('git clone failed', cloned);
  if (existsSync(join(clone, 'apps', 'server', 'dist')))
    return fail('the clone already has apps/server/dist: the check would prove nothing');
  const install = useNpmCi
    ? sh('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: clone })
    : sh('cp', ['-al', join(REPO_ROOT, 'node_modules'), join(clone, 'node_modules')]);
  if (install.status !== 0) return fail('installing node_modules failed', install);
  console.log(`✔ node_modules installed (${useNpmCi ? 'npm ci --offline' : 'cp -al'}, ${install.seconds} s)`);
  // The pinned helm/kubectl are not needed by `sandbox up`; the control plane is cached per machine.
  const env = { ...process.env, TIDELINE_SKIP_BUILD: '' };
  const up = sh('npx', ['--no-install', 'tideline', 'sandbox', 'up', '--dir', sandboxDir], {
    cwd: clone,
    env,
  });
  if (up.status !== 0) return fail(`npx tideline sandbox up exited ${up.status}`, up);
  for (const expected of [
    '► building the tideline command',
    '✔ compiling @tideline/server',
    '✔ sandbox is ready',
  ]) {
    if (!up.stderr.includes(expected)) return fail(`missing progress line '${expected}'`, up);
  }
  if (!existsSync(up.stdout.trim())) return fail('sandbox up did not print its kubeconfig path', up);
  console.log(`✔ npx tideline sandbox up built the command and started the sandbox (${up.seconds} s)`);
  const status = sh('npx', ['--no-install', 'tideline', 'sandbox', 'status', '--dir', sandboxDir], {
    cwd: clone,
    env,
  });
  if (status.status !== 0 || status.stderr.includes('building'))
    return fail('a second command rebuilt', status);
  console.log(`✔ a second command ran without building (${status.seconds} s)`);
}

try {
  check();
} finally {
  const down = sh('npx', ['--no-install', 'tideline', 'sandbox', 'down', '--dir', sandboxDir], {
    cwd: clone,
  });
  if (down.status !== 0 && existsSync(join(clone, 'apps', 'server', 'dist')))
    console.error(`⚠ sandbox down: ${down.stderr}`);
  if (!keep) rmSync(work, { recursive: true, force: true });
}
if (!process.exitCode) console.log('✔ a fresh clone runs `npx tideline …` after install');
