import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KubeClient, Resources, type KubeObject } from '@tideline/core';
import { startSandbox } from '@tideline/sandbox';
import { startCpuWindow, type CpuSplit } from '../cpu-accounting.js';
import { ENGINE_PROCESS, peakRssMiB, pool, waitForEngine } from './engine-process.js';

const run = promisify(execFile);

/** One measured run of N GitRepositories. */
export interface SourcesRun {
  repositories: number;
  /** GitRepositories applied → all Ready with an artifact. */
  readyMs: number;
  /** A reconcile request on all of them (nothing changed upstream) → all handled. */
  recheckMs: number;
  /** Engine CPU (with its git children) per unchanged re-check. */
  recheckCpuMsPerCheck: number;
  enginePeakRssMiB: number;
  cpu: CpuSplit;
  recheckCpu: CpuSplit;
}

type Repo = KubeObject & { status?: { artifact?: { revision?: string }; lastHandledReconcileAt?: string } };

/** A small repository like a typical app source: a few manifests and a README. */
async function pushTemplate(url: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-source-'));
  const git = async (...args: string[]): Promise<string> =>
    (
      await run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@tideline.local', ...args], {
        cwd: dir,
        encoding: 'utf8',
      })
    ).stdout.trim();
  await git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'README.md'), '# app\n');
  writeFileSync(
    join(dir, 'deployment.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 0\n',
  );
  writeFileSync(
    join(dir, 'service.yaml'),
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  ports:\n    - port: 80\n',
  );
  await git('add', '-A');
  await git('commit', '-q', '-m', 'app');
  await git('push', '-q', url, 'main');
  const sha = await git('rev-parse', 'HEAD');
  rmSync(dir, { recursive: true, force: true });
  return sha;
}

async function waitAll(
  resources: Resources,
  n: number,
  done: (r: Repo) => boolean,
  log: (l: string) => void,
  started: number,
): Promise<void> {
  for (;;) {
    const list = await resources.list<Repo>('source.toolkit.fluxcd.io/v1', 'GitRepository', {
      namespace: 'flux-system',
    });
    const count = list.items.filter(done).length;
    if (process.env.BENCH_TRACE) log(`    t=${Date.now() - started} ms done=${count}/${n}`);
    if (count >= n) return;
    if (Date.now() - started > 30 * 60_000) throw new Error(`only ${count}/${n} done after 30 minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * N GitRepositories, each its own repository on the sandbox Git server, from nothing to Ready;
 * then one reconcile request on all of them with nothing changed upstream (the steady state:
 * `git ls-remote` says the artifact is current, so nothing is cloned).
 */
export async function runSources(
  n: number,
  options: { kubectlBin: string; concurrency: number; log: (l: string) => void },
): Promise<SourcesRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sources-'));
  const sandbox = await startSandbox({ dir, imageCheck: false });
  const resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  const engine = spawn(
    process.execPath,
    [
      ENGINE_PROCESS,
      sandbox.kubeconfigPath,
      join(dir, 'engine'),
      options.kubectlBin,
      String(options.concurrency),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    await waitForEngine(engine);
    await resources.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'flux-system' } },
      { fieldManager: 'bench' },
    );
    // One pushed repository, copied on disk N times: the setup is not what is measured.
    const templateUrl = await sandbox.createGitRepository('template');
    const sha = await pushTemplate(templateUrl);
    const gitRoot = join(dir, 'git');
    for (let i = 0; i < n; i++)
      cpSync(join(gitRoot, 'template.git'), join(gitRoot, `app-${i}.git`), { recursive: true });
    const urlOf = (i: number): string => templateUrl.replace(/template\.git$/, `app-${i}.git`);

    const pids = [engine.pid ?? 0, process.pid, ...sandbox.childPids()];
    const names = { [engine.pid ?? 0]: 'engine', [process.pid]: 'sandbox-node' };
    const started = Date.now();
    const window = startCpuWindow(pids, names);
    await pool(
      Array.from({ length: n }, (_, i) => i),
      16,
      async (i) => {
        await resources.apply(
          {
            apiVersion: 'source.toolkit.fluxcd.io/v1',
            kind: 'GitRepository',
            metadata: { name: `app-${i}`, namespace: 'flux-system' },
            spec: { url: urlOf(i), interval: '1h', ref: { branch: 'main' } },
          },
          { fieldManager: 'bench' },
        );
      },
    );
    await waitAll(
      resources,
      n,
      (r) => r.status?.artifact?.revision === `main@sha1:${sha}`,
      options.log,
      started,
    );
    const readyMs = Date.now() - started;
    const cpu = window.stop();
    options.log(
      `  sources n=${n}: Ready in ${readyMs} ms, machine busy ${Math.round(cpu.machineBusy * 100)}%, CPU s ${JSON.stringify(cpu.seconds)}`,
    );

    const requestedAt = new Date().toISOString();
    const recheckStarted = Date.now();
    const recheckWindow = startCpuWindow(pids, names);
    await pool(
      Array.from({ length: n }, (_, i) => i),
      16,
      async (i) => {
        await resources.mergePatch(
          {
            apiVersion: 'source.toolkit.fluxcd.io/v1',
            kind: 'GitRepository',
            namespace: 'flux-system',
            name: `app-${i}`,
          },
          { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': requestedAt } } },
          'bench',
        );
      },
    );
    await waitAll(
      resources,
      n,
      (r) => r.status?.lastHandledReconcileAt === requestedAt,
      options.log,
      recheckStarted,
    );
    const recheckMs = Date.now() - recheckStarted;
    const recheckCpu = recheckWindow.stop();
    const recheckCpuMsPerCheck = Math.round((((recheckCpu.seconds.engine ?? 0) * 1000) / n) * 10) / 10;
    const enginePeakRssMiB = peakRssMiB(engine.pid ?? 0);
    options.log(
      `  sources n=${n}: re-check in ${recheckMs} ms, engine ${recheckCpuMsPerCheck} ms CPU per check, peak RSS ${enginePeakRssMiB} MiB, CPU s ${JSON.stringify(recheckCpu.seconds)}`,
    );
    return { repositories: n, readyMs, recheckMs, recheckCpuMsPerCheck, enginePeakRssMiB, cpu, recheckCpu };
  } finally {
    engine.kill('SIGTERM');
    await new Promise((r) => engine.once('exit', r));
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
