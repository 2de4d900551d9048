import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, Resources, type KubeObject } from '@tideline/core';
import { freePort, startSandbox, waitFor } from '@tideline/sandbox';
import type { CDPSession, Page } from '@playwright/test';
import { launchChromium, machineLoad } from '../browser.js';
import { pool } from './engine-process.js';
import { pushRepo } from './mttp.js';
import { appKustomization } from './mttp-repo.js';
import {
  displacement,
  firstRender,
  layoutCount,
  mainThreadCpuMs,
  nodePositions,
  watchForLayout,
  watchForState,
  type FirstRender,
} from './ui-graph-measures.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TOKEN = 'bench-admin-token-0123456789';
const KS_API = 'kustomize.toolkit.fluxcd.io/v1';

/** One measured run of the graph page. */
export interface UiGraphRun {
  firstRender: FirstRender;
  /** Suspend of a drawn Kustomization → its node restyled. */
  statusChangeMs: number;
  /** The page's main-thread CPU for it. */
  statusChangeCpuMs: number;
  /** Whether that status change caused a new layout (it must not). */
  statusChangeRelayout: boolean;
  /** A Kustomization created → the new layout styled. */
  structureChangeMs: number;
  /** The page's main-thread CPU for it (mostly Mermaid's layout). */
  structureChangeCpuMs: number;
  /** How far drawn nodes moved in that new layout. */
  structureMove: ReturnType<typeof displacement>;
  /** Load average per CPU while measuring. */
  load: number;
}

/** Starts `tideline start` against the sandbox's cluster and resolves its URL once it answers. */
async function startServer(
  kubeconfig: string,
  stateDir: string,
): Promise<{ url: string; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [
      join(ROOT, 'apps/server/bin/tideline.js'),
      'start',
      '--kubeconfig',
      kubeconfig,
      '--port',
      String(port),
      '--state-dir',
      stateDir,
    ],
    {
      env: { ...process.env, TIDELINE_ADMIN_TOKEN: TOKEN, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true, {
    timeoutMs: 180_000,
    what: 'the Tideline server',
  });
  return { url, server };
}

/** The apps and their source, all Ready at the pushed revision. */
async function deployApps(
  resources: Resources,
  url: string,
  n: number,
  log: (l: string) => void,
): Promise<void> {
  const [sha, work] = (await pushRepo(url, n)).split('\n') as [string, string];
  rmSync(work, { recursive: true, force: true });
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
    (i) =>
      resources.apply(appKustomization(i) as KubeObject, { fieldManager: 'bench' }).then(() => undefined),
  );
  const started = Date.now();
  await waitFor(
    async () => {
      const list = await resources.list<KubeObject & { status?: { lastAppliedRevision?: string } }>(
        KS_API,
        'Kustomization',
        {
          namespace: 'flux-system',
        },
      );
      return list.items.filter((k) => k.status?.lastAppliedRevision === `main@sha1:${sha}`).length === n;
    },
    { timeoutMs: 30 * 60_000, intervalMs: 2000, what: `${n} Kustomizations Ready` },
  );
  log(`  ui-graph: ${n} Kustomizations Ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

const suspend = (resources: Resources, name: string, value: boolean): Promise<unknown> =>
  resources.mergePatch(
    { apiVersion: KS_API, kind: 'Kustomization', namespace: 'flux-system', name },
    { spec: { suspend: value } },
    'bench',
  );

/** A status change on the open graph: suspend a drawn Kustomization, then resume it. */
async function statusChange(
  page: Page,
  cdp: CDPSession,
  resources: Resources,
): Promise<{ ms: number; cpuMs: number; relayout: boolean }> {
  const layouts = await layoutCount(page);
  const cpu = await mainThreadCpuMs(cdp);
  const seen = await watchForState(page, 'suspended', 60_000);
  const t0 = Date.now();
  await suspend(resources, 'app-0', true);
  const ms = (await seen()) - t0;
  const cpuMs = Math.round((await mainThreadCpuMs(cdp)) - cpu);
  const relayout = (await layoutCount(page)) !== layouts;
  await suspend(resources, 'app-0', false);
  await page.waitForFunction(
    () => !document.querySelector('#tideline-graph-canvas g.node[data-state="suspended"]'),
    undefined,
    {
      timeout: 60_000,
    },
  );
  return { ms, cpuMs, relayout };
}

/** A structural change: a new Kustomization (into a namespace of its own), then its deletion. */
async function structureChange(
  page: Page,
  cdp: CDPSession,
  resources: Resources,
  run: number,
): Promise<{ ms: number; cpuMs: number; move: ReturnType<typeof displacement> }> {
  const before = await nodePositions(page);
  const cpu = await mainThreadCpuMs(cdp);
  const name = `extra-${run}`;
  const laidOut = await watchForLayout(page, 120_000);
  const t0 = Date.now();
  const extra = appKustomization(0) as KubeObject & { spec: Record<string, unknown> };
  await resources.apply(
    {
      ...extra,
      metadata: { name, namespace: 'flux-system' },
      spec: { ...extra.spec, targetNamespace: 'bench-extra' },
    } as KubeObject,
    { fieldManager: 'bench' },
  );
  const ms = (await laidOut()) - t0;
  const cpuMs = Math.round((await mainThreadCpuMs(cdp)) - cpu);
  const move = displacement(before, await nodePositions(page));
  const gone = await watchForLayout(page, 120_000);
  await resources.delete({ apiVersion: KS_API, kind: 'Kustomization', namespace: 'flux-system', name });
  await gone();
  return { ms, cpuMs, move };
}

/** Runs the graph page scenario: `runs` measured runs, and optionally one drawing of every node. */
export async function runUiGraph(
  n: number,
  options: { runs: number; baseline: boolean; log: (l: string) => void },
): Promise<{ runs: UiGraphRun[]; allNodes?: FirstRender }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ui-graph-'));
  const sandbox = await startSandbox({ dir, imageCheck: false });
  const resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  const { url, server } = await startServer(sandbox.kubeconfigPath, join(dir, 'state'));
  const browser = await launchChromium();
  try {
    for (const ns of ['flux-system', 'apps', 'bench-extra'])
      await resources.apply(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        { fieldManager: 'bench' },
      );
    await deployApps(resources, await sandbox.createGitRepository('bench'), n, options.log);
    const runs: UiGraphRun[] = [];
    for (let r = 0; r < options.runs; r++) {
      const { page, cdp, result } = await firstRender(browser, url, TOKEN);
      const status = await statusChange(page, cdp, resources);
      const structure = await structureChange(page, cdp, resources, r);
      runs.push({
        firstRender: result,
        statusChangeMs: status.ms,
        statusChangeCpuMs: status.cpuMs,
        statusChangeRelayout: status.relayout,
        structureChangeMs: structure.ms,
        structureChangeCpuMs: structure.cpuMs,
        structureMove: structure.move,
        load: machineLoad(cpus().length),
      });
      options.log(`  ui-graph n=${n} run ${r + 1}: ${JSON.stringify(runs[runs.length - 1])}`);
      await page.context().close();
    }
    let allNodes: FirstRender | undefined;
    if (options.baseline) {
      const { page, result } = await firstRender(browser, url, TOKEN, '/graph?budget=2000', 20 * 60_000);
      allNodes = result;
      options.log(`  ui-graph n=${n} every node drawn: ${JSON.stringify(result)}`);
      await page.context().close();
    }
    return { runs, allNodes };
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
