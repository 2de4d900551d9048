import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { KubeClient, Resources, type KubeObject } from '@tideline/core';
import {
  pushImageManifest,
  pushManyTags,
  startPagingFront,
  startSandbox,
  type Sandbox,
} from '@tideline/sandbox';
import { startCpuWindow, type CpuSplit } from '../cpu-accounting.js';
import { median, percentile } from '../stats.js';
import { ENGINE_PROCESS, peakRssMiB, waitForEngine } from './engine-process.js';
import { imageObjects, loopFiles, NAMESPACE, setterFiles } from './images-repo.js';

const run = promisify(execFile);
const IMAGE_API = 'image.toolkit.fluxcd.io/v1';
const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';

/** How a new tag is noticed: the next 1m scan, or a reconcile request right after the push (a webhook). */
export type LoopMode = 'interval' | 'requested';

/** One push through the loop: milliseconds from the tag on the registry to each step. */
export interface LoopSample {
  /** The ImageRepository's scan lists the tag. */
  scanMs: number;
  policyMs: number;
  commitMs: number;
  sourceMs: number;
  /** The Deployment's pod template has the new image. */
  deploymentMs: number;
  /** The rollout is done: the one pod runs the new image and is available, the old one is gone. */
  podsMs: number;
}

/** The loop measured over `pushes` tags. */
export interface LoopRun {
  mode: LoopMode;
  pushes: number;
  samples: LoopSample[];
  /** Push → pods running the new image. */
  p50Ms: number;
  p95Ms: number;
  /** The scan lists the tag → pods running it (the goal: p50 ≤ 5 s). */
  p50AfterScanMs: number;
  p95AfterScanMs: number;
  /** Medians of each step, from the push. */
  medianSteps: LoopSample;
  enginePeakRssMiB: number;
  cpu: CpuSplit;
}

/** A scan of one repository with many tags. */
export interface ScanRun {
  tags: number;
  /** Tags per `/tags/list` page (undefined: the registry's one page of everything). */
  pageSize?: number;
  pages?: number;
  /** ImageRepository applied → Ready with every tag counted. */
  firstScanMs: number;
  /** A reconcile request with the same tags → handled. */
  rescanMs: number;
  engineRssBeforeMiB: number;
  enginePeakRssMiB: number;
}

/** One automation run over many markers. */
export interface SettersRun {
  files: number;
  markers: number;
  /** The policy's new latestRef → the automation's push (clone, setters, commit, push). */
  automationMs: number;
  /** Files and lines the pushed commit changed (checked: every marker, nothing else). */
  changedFiles: number;
  changedLines: number;
}

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
type Options = { kubectlBin: string; concurrency: number; log: (l: string) => void };

interface Bench {
  dir: string;
  sandbox: Sandbox;
  resources: Resources;
  engine: ChildProcess;
  stop(): Promise<void>;
}

async function startBench(prefix: string, options: Options, imageCheck = false): Promise<Bench> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const sandbox = await startSandbox({ dir, imageCheck });
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
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await waitForEngine(engine);
  await resources.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
    { fieldManager: 'bench' },
  );
  return {
    dir,
    sandbox,
    resources,
    engine,
    stop: async () => {
      engine.kill('SIGTERM');
      await new Promise((r) => engine.once('exit', r));
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    'git',
    ['-c', 'user.name=bench', '-c', 'user.email=bench@tideline.local', ...args],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout.trim();
}

/** Creates repository `bench` on the sandbox with `files` on `main`; resolves its URL. */
async function pushRepository(sandbox: Sandbox, files: Record<string, string>): Promise<string> {
  const url = await sandbox.createGitRepository('bench');
  const work = mkdtempSync(join(tmpdir(), 'bench-images-'));
  await git(work, 'init', '-q', '-b', 'main');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), content);
  }
  await git(work, 'add', '-A');
  await git(work, 'commit', '-q', '-m', 'bench');
  await git(work, 'push', '-q', url, 'main');
  rmSync(work, { recursive: true, force: true });
  return url;
}

async function apply(resources: Resources, obj: object): Promise<void> {
  await resources.apply(obj as KubeObject, { fieldManager: 'bench' });
}

async function get(
  resources: Resources,
  apiVersion: string,
  kind: string,
  name: string,
  namespace = NAMESPACE,
) {
  return resources.get<Obj>({ apiVersion, kind, namespace, name });
}

async function requestReconcile(resources: Resources, kind: string, at: string): Promise<void> {
  await resources.mergePatch(
    { apiVersion: IMAGE_API, kind, namespace: NAMESPACE, name: 'app' },
    { metadata: { annotations: { [REQUESTED_AT]: at } } },
    'bench',
  );
}

/** Polls `probe` every `everyMs` until it returns a value; rejects after `timeoutMs`. */
async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const latestTag = (policy: Obj | undefined): string | undefined =>
  (policy?.status?.latestRef as { tag?: string } | undefined)?.tag;
const lastPush = (automation: Obj | undefined): string | undefined =>
  automation?.status?.lastPushCommit as string | undefined;

/**
 * The guide's loop: a Deployment with the marker in a Git repository, applied by a
 * Kustomization; a tag pushed to the registry → scan → policy → automation commit → push →
 * GitRepository → Kustomization → the Deployment's new image. `pushes` tags, one after the
 * other. In `interval` mode the ImageRepository scans every minute and each push waits a random
 * 0–60 s first, so pushes land anywhere in the scan cycle.
 */
export async function runImageLoop(mode: LoopMode, pushes: number, options: Options): Promise<LoopRun> {
  // The simulated kubelet checks that each new tag exists on the registry before the pod runs.
  const bench = await startBench('bench-image-loop-', options, true);
  const { sandbox, resources } = bench;
  try {
    const host = sandbox.registryHost;
    const image = `${host}/bench/app`;
    await pushImageManifest({ host, repository: 'bench/app', tag: 'v1.0.0' });
    const url = await pushRepository(sandbox, loopFiles(`${image}:v1.0.0`));
    await apply(resources, {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'bench', namespace: NAMESPACE },
      spec: { url, interval: '1h', ref: { branch: 'main' } },
    });
    await apply(resources, {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'bench', namespace: NAMESPACE },
      spec: {
        interval: '1h',
        path: './apps',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'bench' },
      },
    });
    const objects = imageObjects(image, mode === 'interval' ? '1m' : '1h');
    for (const obj of [objects.repository, objects.policy, objects.automation]) await apply(resources, obj);
    type Deployment = Obj & {
      spec?: { template?: { spec?: { containers?: { image?: string }[] } } };
      status?: {
        observedGeneration?: number;
        replicas?: number;
        updatedReplicas?: number;
        availableReplicas?: number;
      };
    };
    const deployment = (): Promise<Deployment | undefined> =>
      resources.get<Deployment>({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'bench',
        name: 'app',
      });
    const imageOf = (d: Deployment | undefined): string | undefined =>
      d?.spec?.template?.spec?.containers?.[0]?.image;
    const rolledOut = (d: Deployment | undefined, want: string): boolean =>
      imageOf(d) === want &&
      (d?.status?.observedGeneration ?? 0) >= (d?.metadata.generation ?? 1) &&
      d?.status?.replicas === 1 &&
      d.status.updatedReplicas === 1 &&
      d.status.availableReplicas === 1;
    await until(
      async () => (rolledOut(await deployment(), `${image}:v1.0.0`) ? true : undefined),
      180_000,
      250,
    );
    await until(
      async () => (latestTag(await get(resources, IMAGE_API, 'ImagePolicy', 'app')) ? true : undefined),
      120_000,
      250,
    );
    options.log(`  image loop (${mode}): my-app runs v1.0.0; ${pushes} pushes`);

    const pids = [bench.engine.pid ?? 0, process.pid, ...sandbox.childPids()];
    const window = startCpuWindow(pids, { [bench.engine.pid ?? 0]: 'engine', [process.pid]: 'sandbox-node' });
    const samples: LoopSample[] = [];
    for (let i = 1; i <= pushes; i++) {
      if (mode === 'interval') await new Promise((r) => setTimeout(r, Math.random() * 60_000));
      const tag = `v1.0.${i}`;
      const before = lastPush(await get(resources, IMAGE_API, 'ImageUpdateAutomation', 'app'));
      await pushImageManifest({ host, repository: 'bench/app', tag });
      const t0 = Date.now();
      if (mode === 'requested')
        await requestReconcile(resources, 'ImageRepository', new Date().toISOString());
      const step: Partial<LoopSample> = {};
      let pushed: string | undefined;
      const want = `${image}:${tag}`;
      await until(
        async () => {
          const now = (): number => Date.now() - t0;
          if (step.scanMs === undefined) {
            const repo = await get(resources, IMAGE_API, 'ImageRepository', 'app');
            const scan = repo?.status?.lastScanResult as { tagCount?: number } | undefined;
            if (scan?.tagCount === i + 1) step.scanMs = now();
          }
          if (
            step.policyMs === undefined &&
            latestTag(await get(resources, IMAGE_API, 'ImagePolicy', 'app')) === tag
          )
            step.policyMs = now();
          if (step.policyMs !== undefined && step.commitMs === undefined) {
            const commit = lastPush(await get(resources, IMAGE_API, 'ImageUpdateAutomation', 'app'));
            if (commit && commit !== before) {
              pushed = commit;
              step.commitMs = now();
            }
          }
          if (pushed && step.sourceMs === undefined) {
            const source = await get(resources, 'source.toolkit.fluxcd.io/v1', 'GitRepository', 'bench');
            const revision = (source?.status?.artifact as { revision?: string } | undefined)?.revision;
            if (revision === `main@sha1:${pushed}`) step.sourceMs = now();
          }
          if (step.sourceMs !== undefined) {
            const d = await deployment();
            if (step.deploymentMs === undefined && imageOf(d) === want) step.deploymentMs = now();
            if (step.deploymentMs !== undefined && rolledOut(d, want)) step.podsMs = now();
          }
          return step.podsMs === undefined ? undefined : (step as LoopSample);
        },
        mode === 'interval' ? 180_000 : 60_000,
      );
      samples.push(step as LoopSample);
      options.log(`    ${tag}: ${JSON.stringify(step)}`);
    }
    const cpu = window.stop();
    const totals = samples.map((s) => s.podsMs);
    const afterScan = samples.map((s) => s.podsMs - s.scanMs);
    const result: LoopRun = {
      mode,
      pushes,
      samples,
      p50Ms: percentile(totals, 50),
      p95Ms: percentile(totals, 95),
      p50AfterScanMs: percentile(afterScan, 50),
      p95AfterScanMs: percentile(afterScan, 95),
      medianSteps: {
        scanMs: median(samples.map((s) => s.scanMs)),
        policyMs: median(samples.map((s) => s.policyMs)),
        commitMs: median(samples.map((s) => s.commitMs)),
        sourceMs: median(samples.map((s) => s.sourceMs)),
        deploymentMs: median(samples.map((s) => s.deploymentMs)),
        podsMs: median(totals),
      },
      enginePeakRssMiB: peakRssMiB(bench.engine.pid ?? 0),
      cpu,
    };
    options.log(
      `  image loop (${mode}): p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms (after the scan: ${result.p50AfterScanMs} / ${result.p95AfterScanMs} ms), steps ${JSON.stringify(result.medianSteps)}`,
    );
    return result;
  } finally {
    await bench.stop();
  }
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/**
 * One repository with `tags` tags, scanned straight from the registry (distribution answers
 * every tag in one page) and through a front paging 1,000 at a time, as hosted registries do.
 */
export async function runImageScan(tags: number, options: Options): Promise<ScanRun[]> {
  const bench = await startBench('bench-image-scan-', options);
  const { sandbox, resources } = bench;
  const front = await startPagingFront(sandbox.registryHost, 1000);
  try {
    const list = Array.from({ length: tags }, (_, i) => `1.${Math.floor(i / 100)}.${i % 100}`);
    const setup = Date.now();
    await pushManyTags(sandbox.registryHost, 'big/app', list);
    options.log(`  image scan: ${tags} tags pushed in ${Date.now() - setup} ms (setup, not measured)`);
    const results: ScanRun[] = [];
    for (const [name, host, pageSize] of [
      ['direct', sandbox.registryHost, undefined],
      ['paged', front.host, 1000],
    ] as const) {
      const engineRssBeforeMiB = rssMiB(bench.engine.pid ?? 0);
      const pagesBefore = front.pages;
      const started = Date.now();
      await apply(resources, {
        apiVersion: IMAGE_API,
        kind: 'ImageRepository',
        metadata: { name, namespace: NAMESPACE },
        spec: { image: `${host}/big/app`, interval: '1h', insecure: true },
      });
      await until(async () => {
        const repo = await get(resources, IMAGE_API, 'ImageRepository', name);
        const scan = repo?.status?.lastScanResult as { tagCount?: number } | undefined;
        return scan?.tagCount === tags ? true : undefined;
      }, 300_000);
      const firstScanMs = Date.now() - started;
      const pages = front.pages - pagesBefore;
      const at = new Date().toISOString();
      const rescanStarted = Date.now();
      await resources.mergePatch(
        { apiVersion: IMAGE_API, kind: 'ImageRepository', namespace: NAMESPACE, name },
        { metadata: { annotations: { [REQUESTED_AT]: at } } },
        'bench',
      );
      await until(async () => {
        const repo = await get(resources, IMAGE_API, 'ImageRepository', name);
        return repo?.status?.lastHandledReconcileAt === at ? true : undefined;
      }, 300_000);
      const rescanMs = Date.now() - rescanStarted;
      const result: ScanRun = {
        tags,
        pageSize,
        pages: pageSize ? pages : undefined,
        firstScanMs,
        rescanMs,
        engineRssBeforeMiB,
        enginePeakRssMiB: peakRssMiB(bench.engine.pid ?? 0),
      };
      options.log(`  image scan (${name}): ${JSON.stringify(result)}`);
      results.push(result);
    }
    return results;
  } finally {
    await front.stop();
    await bench.stop();
  }
}

/** One automation run that rewrites `markers` markers across `files` files in one commit. */
export async function runImageSetters(files: number, markers: number, options: Options): Promise<SettersRun> {
  const bench = await startBench('bench-image-setters-', options);
  const { sandbox, resources } = bench;
  try {
    const host = sandbox.registryHost;
    const image = `${host}/bench/app`;
    await pushImageManifest({ host, repository: 'bench/app', tag: 'v1.0.0' });
    const url = await pushRepository(sandbox, setterFiles(`${image}:v1.0.0`, files, markers));
    await apply(resources, {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'bench', namespace: NAMESPACE },
      spec: { url, interval: '1h', ref: { branch: 'main' } },
    });
    const objects = imageObjects(image, '1h');
    for (const obj of [objects.repository, objects.policy, objects.automation]) await apply(resources, obj);
    // Steady first: the policy at v1.0.0 and one automation run that found nothing to change.
    await until(async () => {
      const automation = await get(resources, IMAGE_API, 'ImageUpdateAutomation', 'app');
      return automation?.status?.lastAutomationRunTime ? true : undefined;
    }, 120_000);
    await pushImageManifest({ host, repository: 'bench/app', tag: 'v1.0.1' });
    await requestReconcile(resources, 'ImageRepository', new Date().toISOString());
    const policyAt = await until(
      async () => {
        const tag = latestTag(await get(resources, IMAGE_API, 'ImagePolicy', 'app'));
        return tag === 'v1.0.1' ? Date.now() : undefined;
      },
      120_000,
      20,
    );
    const pushed = await until(
      async () => lastPush(await get(resources, IMAGE_API, 'ImageUpdateAutomation', 'app')),
      300_000,
      20,
    );
    const automationMs = Date.now() - policyAt;
    const work = mkdtempSync(join(tmpdir(), 'bench-images-check-'));
    await git(work, 'clone', '-q', '--', url, '.');
    const stat = await git(work, 'show', '--numstat', '--format=', pushed);
    rmSync(work, { recursive: true, force: true });
    const rows = stat.split('\n').filter(Boolean);
    const result: SettersRun = {
      files,
      markers,
      automationMs,
      changedFiles: rows.length,
      changedLines: rows.reduce((sum, row) => sum + Number(row.split('\t')[0] ?? 0), 0),
    };
    options.log(`  image setters: ${JSON.stringify(result)}`);
    if (result.changedFiles !== files || result.changedLines !== markers)
      throw new Error(`the commit changed ${result.changedFiles} files / ${result.changedLines} lines`);
    return result;
  } finally {
    await bench.stop();
  }
}
