import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KubeClient, Resources, type KubeObject } from '@tideline/core';
import { publishCharts, startSandbox, CHART_FIXTURES_DIR } from '@tideline/sandbox';
import { startCpuWindow, type CpuSplit } from '../cpu-accounting.js';
import { ENGINE_PROCESS, peakRssMiB, pool, waitForEngine } from './engine-process.js';

const run = promisify(execFile);

/** One measured run of the HelmRelease scenario. */
export interface HelmReleaseRun {
  releases: number;
  /** Apply → all HelmReleases Ready at their generation. */
  engineMs: number;
  enginePeakRssMiB: number;
  /** Most helm processes alive at once (sampled every 100 ms). */
  peakHelmProcesses: number;
  /** helm calls the engine made (sampled: processes seen), and their mean lifetime. */
  helmCallsSeen: number;
  cpu: CpuSplit;
  /** Engine CPU seconds in its own Node process vs. in the children it reaped (helm, curl, kubectl). */
  engineSelfCpuS: number;
  engineChildrenCpuS: number;
  /** `helm upgrade --install` per release, one after another. */
  baselineMs?: number;
}

/** The MTTP app shape as podinfo values: a Deployment scaled to 0, a ServiceAccount, a Service, an Ingress. */
const APP_VALUES = {
  replicaCount: 0,
  serviceAccount: { enabled: true },
  ingress: { enabled: true, className: 'nginx' },
};

function helmRelease(i: number): KubeObject {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: `app-${i}`, namespace: 'apps' },
    spec: {
      interval: '1h',
      chart: {
        spec: {
          chart: 'podinfo',
          version: '6.2.x',
          sourceRef: { kind: 'HelmRepository', name: 'podinfo', namespace: 'flux-system' },
        },
      },
      values: APP_VALUES,
    },
  };
}

function selfAndChildrenTicks(pid: number): [number, number] {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [Number(f[11]) + Number(f[12]), Number(f[13]) + Number(f[14])];
  } catch {
    return [0, 0];
  }
}

/** Samples the engine's helm children: the peak alive at once and how many distinct ones ran. */
function sampleHelm(enginePid: number): { stop(): { peak: number; seen: number } } {
  let peak = 0;
  const seen = new Set<number>();
  const timer = setInterval(() => {
    let alive = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (comm === 'helm' && ppid === enginePid) {
          alive += 1;
          seen.add(Number(entry));
        }
      } catch {
        // the process ended while being read
      }
    }
    peak = Math.max(peak, alive);
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return { peak, seen: seen.size };
    },
  };
}

/** Runs the scenario once for `n` HelmReleases on a fresh sandbox. */
export async function runHelmReleases(
  n: number,
  options: {
    kubectlBin: string;
    helmBin: string;
    concurrency: number;
    baseline: boolean;
    log: (l: string) => void;
  },
): Promise<HelmReleaseRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-hr-'));
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
      options.helmBin,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await waitForEngine(engine);
    await publishCharts({
      root: join(dir, 'charts'),
      chartDirs: [join(CHART_FIXTURES_DIR, 'podinfo-6.2.2')],
      url: sandbox.chartRepoUrl,
      helmBin: options.helmBin,
    });
    for (const ns of ['flux-system', 'apps', 'ci']) {
      await resources.apply(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        { fieldManager: 'bench' },
      );
    }
    const enginePid = engine.pid ?? 0;
    const started = Date.now();
    const cpuWindow = startCpuWindow([enginePid, process.pid, ...sandbox.childPids()], {
      [enginePid]: 'engine',
      [process.pid]: 'sandbox-node',
    });
    const [self0, children0] = selfAndChildrenTicks(enginePid);
    const helm = sampleHelm(enginePid);
    await resources.apply(
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'HelmRepository',
        metadata: { name: 'podinfo', namespace: 'flux-system' },
        spec: { url: sandbox.chartRepoUrl, interval: '1h' },
      },
      { fieldManager: 'bench' },
    );
    await pool(
      Array.from({ length: n }, (_, i) => i),
      16,
      async (i) => {
        await resources.apply(helmRelease(i), { fieldManager: 'bench' });
      },
    );
    let ready = 0;
    while (ready < n) {
      // The watch cache (resourceVersion 0) answers this poll: a plain LIST of a thousand
      // HelmReleases every half second from etcd would cost the API server more than the engine.
      await new Promise((r) => setTimeout(r, 500));
      const list = await resources.list<
        KubeObject & {
          status?: { observedGeneration?: number; conditions?: { type: string; status: string }[] };
        }
      >('helm.toolkit.fluxcd.io/v2', 'HelmRelease', { namespace: 'apps', resourceVersion: '0' });
      ready = list.items.filter(
        (o) =>
          o.status?.observedGeneration === o.metadata.generation &&
          o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      ).length;
      if (process.env.BENCH_TRACE) options.log(`    t=${Date.now() - started} ms ready=${ready}/${n}`);
      if (Date.now() - started > 30 * 60_000) throw new Error(`only ${ready}/${n} Ready after 30 minutes`);
    }
    const engineMs = Date.now() - started;
    const cpu = cpuWindow.stop();
    const helmSeen = helm.stop();
    const [self1, children1] = selfAndChildrenTicks(enginePid);
    const enginePeakRssMiB = peakRssMiB(enginePid);
    const result: HelmReleaseRun = {
      releases: n,
      engineMs,
      enginePeakRssMiB,
      peakHelmProcesses: helmSeen.peak,
      helmCallsSeen: helmSeen.seen,
      cpu,
      engineSelfCpuS: (self1 - self0) / 100,
      engineChildrenCpuS: (children1 - children0) / 100,
    };
    options.log(
      `  helmrelease n=${n}: engine ${engineMs} ms, peak RSS ${enginePeakRssMiB} MiB, peak helm ${helmSeen.peak}, engine CPU self ${result.engineSelfCpuS}s children ${result.engineChildrenCpuS}s, machine busy ${Math.round(cpu.machineBusy * 100)}%, CPU s ${JSON.stringify(cpu.seconds)}`,
    );
    if (options.baseline)
      result.baselineMs = await baseline(
        n,
        sandbox.kubeconfigPath,
        join(dir, 'charts', 'podinfo-6.2.2.tgz'),
        options,
      );
    return result;
  } finally {
    engine.kill('SIGTERM');
    await new Promise((r) => engine.once('exit', r));
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a CI pipeline would do: `helm upgrade --install` per release, sequentially, same values. */
async function baseline(
  n: number,
  kubeconfig: string,
  chart: string,
  options: { helmBin: string; log: (l: string) => void },
): Promise<number> {
  const home = mkdtempSync(join(tmpdir(), 'bench-hr-ci-'));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    HELM_CACHE_HOME: home,
    HELM_CONFIG_HOME: home,
    HELM_DATA_HOME: home,
  };
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    await run(
      options.helmBin,
      [
        'upgrade',
        '--install',
        `app-${i}`,
        chart,
        '-n',
        'ci',
        '--wait=watcher',
        '--server-side=false',
        '--set',
        'replicaCount=0',
        '--set',
        'serviceAccount.enabled=true',
        '--set',
        'ingress.enabled=true',
        '--set',
        'ingress.className=nginx',
        '--kubeconfig',
        kubeconfig,
      ],
      { env, maxBuffer: 16 * 1024 * 1024 },
    );
  }
  const ms = Date.now() - t0;
  rmSync(home, { recursive: true, force: true });
  options.log(`  helmrelease n=${n}: CI baseline ${ms} ms`);
  return ms;
}
