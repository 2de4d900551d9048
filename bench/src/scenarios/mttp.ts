import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { KubeClient, Resources, type KubeObject } from '@tideline/core';
import { startSandbox } from '@tideline/sandbox';
import { startCpuWindow, type CpuSplit } from '../cpu-accounting.js';
import { ENGINE_PROCESS, peakRssMiB, pool, waitForEngine } from './engine-process.js';
import { appFiles, appKustomization } from './mttp-repo.js';

const run = promisify(execFile);

/** One measured run. */
export interface MttpRun {
  apps: number;
  /** Commit → all Kustomizations Ready at that revision. */
  engineMs: number;
  enginePeakRssMiB: number;
  /** CPU seconds per process (engine includes its kustomize/git children) from the commit to all Ready. */
  cpu: CpuSplit;
  /** `kubectl kustomize | kubectl apply --server-side` per app, sequentially. */
  baselineMs?: number;
}

/** Commits `n` benchmark apps to a fresh clone and pushes them; resolves `<sha>\n<work dir>`. */
export async function pushRepo(url: string, n: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-repo-'));
  const git = async (...args: string[]): Promise<string> =>
    (
      await run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@tideline.local', ...args], {
        cwd: dir,
        encoding: 'utf8',
      })
    ).stdout.trim();
  await git('init', '-q', '-b', 'main');
  for (let i = 0; i < n; i++) {
    for (const [path, content] of Object.entries(appFiles(i))) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  }
  await git('add', '-A');
  await git('commit', '-q', '-m', `bench: ${n} apps`);
  await git('push', '-q', url, 'main');
  return (await git('rev-parse', 'HEAD')) + '\n' + dir;
}

/** Runs the scenario once for `n` apps on a fresh sandbox. */
export async function runMttp(
  n: number,
  options: { kubectlBin: string; concurrency: number; baseline: boolean; log: (l: string) => void },
): Promise<MttpRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-mttp-'));
  const sandbox = await startSandbox({ dir, imageCheck: false });
  const resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  const profile = process.env.BENCH_CPU_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const engine = spawn(
    process.execPath,
    [
      ...profile,
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
    for (const ns of ['flux-system', 'apps', 'ci'])
      await resources.apply(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        { fieldManager: 'bench' },
      );
    const url = await sandbox.createGitRepository('bench');
    const started = Date.now();
    // The bench process hosts the sandbox's Git server, chart repository and kubelet simulation.
    const cpuWindow = startCpuWindow([engine.pid ?? 0, process.pid, ...sandbox.childPids()], {
      [engine.pid ?? 0]: 'engine',
      [process.pid]: 'sandbox-node',
    });
    const [sha, work] = (await pushRepo(url, n)).split('\n') as [string, string];
    const revision = `main@sha1:${sha}`;
    await resources.apply(
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'bench', namespace: 'flux-system' },
        spec: { url, interval: '1h', ref: { branch: 'main' } },
      },
      { fieldManager: 'bench' },
    );
    await pool(
      Array.from({ length: n }, (_, i) => i),
      16,
      async (i) => {
        await resources.apply(appKustomization(i) as KubeObject, { fieldManager: 'bench' });
      },
    );
    let ready = 0;
    while (ready < n) {
      await new Promise((r) => setTimeout(r, 500));
      const list = await resources.list<KubeObject & { status?: { lastAppliedRevision?: string } }>(
        'kustomize.toolkit.fluxcd.io/v1',
        'Kustomization',
        { namespace: 'flux-system' },
      );
      ready = list.items.filter((k) => k.status?.lastAppliedRevision === revision).length;
      if (process.env.BENCH_TRACE) options.log(`    t=${Date.now() - started} ms ready=${ready}/${n}`);
      if (Date.now() - started > 30 * 60_000) throw new Error(`only ${ready}/${n} Ready after 30 minutes`);
    }
    const engineMs = Date.now() - started;
    const cpu = cpuWindow.stop();
    const enginePeakRssMiB = peakRssMiB(engine.pid ?? 0);
    options.log(
      `  mttp n=${n}: engine ${engineMs} ms, peak RSS ${enginePeakRssMiB} MiB, machine busy ${Math.round(cpu.machineBusy * 100)}%, CPU s ${JSON.stringify(cpu.seconds)}`,
    );
    let baselineMs: number | undefined;
    if (options.baseline) {
      const t0 = Date.now();
      for (let i = 0; i < n; i++) {
        const { stdout } = await run(options.kubectlBin, ['kustomize', join(work, 'baseline', `app-${i}`)], {
          maxBuffer: 64 * 1024 * 1024,
        });
        await new Promise<void>((resolve, reject) => {
          const apply = spawn(
            options.kubectlBin,
            [
              '--kubeconfig',
              sandbox.kubeconfigPath,
              'apply',
              '--server-side',
              '--field-manager=ci',
              '-f',
              '-',
            ],
            { stdio: ['pipe', 'ignore', 'inherit'] },
          );
          apply.once('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`kubectl apply exited ${code}`)),
          );
          apply.stdin.end(stdout);
        });
      }
      baselineMs = Date.now() - t0;
      options.log(`  mttp n=${n}: CI baseline ${baselineMs} ms`);
    }
    rmSync(work, { recursive: true, force: true });
    return { apps: n, engineMs, enginePeakRssMiB, cpu, baselineMs };
  } finally {
    engine.kill('SIGTERM');
    await new Promise((r) => engine.once('exit', r));
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
