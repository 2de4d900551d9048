// Builds what the `tideline` command needs before it runs, so `npx tideline …` works right after
// `npm install` / `npm ci` on a fresh clone (where no dist/ exists yet). Plain JavaScript with
// no dependency but Node's: it runs before anything of ours is compiled.
//
// What is built, and when:
// - the TypeScript projects the CLI loads (core, sandbox, server): when a dist/ is missing, or a
//   source file is newer than the stamp the last build left (a `git pull`, an edit);
// - the dashboard (Next.js): only for `tideline start`, when `apps/web/.next/BUILD_ID` is missing.
// Progress goes to stderr, one line per step with its time. A lock directory keeps two
// commands started at once from building over each other. TIDELINE_SKIP_BUILD=1 skips it all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is apps/server/bin/ensure-built.js). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The TypeScript projects the CLI imports, in build order. */
const PROJECTS = [
  { dir: 'packages/core', name: '@tideline/core', output: 'dist/index.js' },
  { dir: 'packages/sandbox', name: '@tideline/sandbox', output: 'dist/index.js' },
  { dir: 'apps/server', name: '@tideline/server', output: 'dist/cli/main.js' },
];
const STAMP = '.build-stamp';
const LOCK = join(REPO_ROOT, 'node_modules', '.tideline-build.lock');

/** The newest modification time of a non-test `.ts` file under `dir` (0 when there is none). */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Why a project needs building, or undefined when its dist/ is current. */
export function staleReason(root, project) {
  const dist = join(root, project.dir, 'dist');
  if (!existsSync(join(root, project.dir, project.output))) return 'not built yet';
  const stamp = join(dist, STAMP);
  if (!existsSync(stamp)) return 'built by an older command';
  const sources = Math.max(
    newestSource(join(root, project.dir, 'src')),
    existsSync(join(root, project.dir, 'package.json'))
      ? statSync(join(root, project.dir, 'package.json')).mtimeMs
      : 0,
  );
  return sources > statSync(stamp).mtimeMs ? 'sources changed since the last build' : undefined;
}

/** Whether a process with this id is alive. */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Takes the build lock, waiting (up to 15 minutes) for another command that holds it. */
function lock(say) {
  const deadline = Date.now() + 15 * 60_000;
  let told = false;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(readFileSafe(join(LOCK, 'pid')), 10);
    if (Number.isFinite(holder) && !alive(holder)) {
      rmSync(LOCK, { recursive: true, force: true }); // left by a build that was killed
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another build holds ${LOCK}; remove it if none runs`);
    if (!told) say('◎ waiting for another tideline command that is building');
    told = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
}

function readFileSafe(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Runs one build step with inherited stderr; throws with the tool's exit code on failure. */
function step(say, label, command, args, cwd) {
  const started = Date.now();
  say(`  ${label} …`);
  const res = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (res.error) throw new Error(`${label}: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`${label} failed (exit ${res.status ?? res.signal}); see above`);
  say(`  ✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** The TypeScript compiler of the repository (a devDependency). */
function tscPath(root) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc))
    throw new Error(
      'Tideline is not built and TypeScript is not installed: run `npm install` (with dev dependencies) in ' +
        root,
    );
  return tsc;
}

/**
 * Builds what `tideline <command>` needs and is missing or stale. Returns the steps it ran
 * (empty when everything was current).
 */
export function ensureBuilt(
  argv,
  { root = REPO_ROOT, say = (line) => process.stderr.write(`${line}\n`) } = {},
) {
  if (process.env.TIDELINE_SKIP_BUILD === '1') return [];
  const needsWeb = argv[0] === 'start' && !argv.includes('--no-dashboard');
  const webBuilt = () => existsSync(join(root, 'apps', 'web', '.next', 'BUILD_ID'));
  const pending = () => PROJECTS.filter((p) => staleReason(root, p) !== undefined);
  if (pending().length === 0 && (!needsWeb || webBuilt())) return [];
  const release = lock(say);
  const ran = [];
  try {
    const todo = pending();
    if (todo.length > 0) {
      const why = staleReason(root, todo[0]);
      say(`► building the tideline command (${why}; the first build takes a minute or two)`);
      const tsc = tscPath(root);
      for (const project of todo) {
        step(say, `compiling ${project.name}`, process.execPath, [tsc, '-b', project.dir], root);
        writeFileSync(join(root, project.dir, 'dist', STAMP), `${new Date().toISOString()}\n`);
        ran.push(project.name);
      }
    }
    if (needsWeb && !webBuilt()) {
      say('► building the dashboard (Next.js, first start only; a few minutes)');
      const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
      step(say, 'next build apps/web', process.execPath, [nextBin, 'build'], join(root, 'apps', 'web'));
      ran.push('@tideline/web');
    }
    if (ran.length > 0) say('✔ build complete');
    return ran;
  } finally {
    release();
  }
}
