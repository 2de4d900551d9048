import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publishCharts } from '@tideline/sandbox';
import { HELM_API_VERSION, type HelmRelease } from '../api/helmrelease-v2.js';
import { SOURCE_API_VERSION } from '../api/source-v1.js';
import type { KubeObject } from '../kube/objects.js';
import { pinnedHelmBin, ready, waitForObject, type ClusterFixture } from './cluster-fixture.js';
import { CHART_FIXTURES } from './helm-chart-fixture.js';

const run = promisify(execFile);

/** A HelmRelease as the tests read it. */
export type HrObject = HelmRelease & KubeObject;

/** A chart folder to publish: a fixture, optionally renamed/re-versioned and with files replaced. */
export interface ChartVariant {
  from?: 'podinfo-6.2.1' | 'podinfo-6.2.2';
  name?: string;
  version?: string;
  /** `kubeVersion` of Chart.yaml. */
  kubeVersion?: string;
  /** Files to write (paths relative to the chart root), e.g. a failing template or a test hook. */
  files?: Record<string, string>;
}

/** Builds chart folders from the podinfo fixture and publishes them to the sandbox chart repository. */
export async function publishChartVariants(
  fx: ClusterFixture,
  variants: readonly ChartVariant[],
): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'tideline-hr-charts-'));
  try {
    const dirs: string[] = [];
    for (const [i, v] of variants.entries()) {
      const dir = join(scratch, String(i), v.name ?? 'podinfo');
      await cp(join(CHART_FIXTURES, v.from ?? 'podinfo-6.2.2'), dir, { recursive: true });
      let chartYaml = await readFile(join(dir, 'Chart.yaml'), 'utf8');
      if (v.version) chartYaml = chartYaml.replace(/^version: .*$/m, `version: ${v.version}`);
      if (v.name) chartYaml = chartYaml.replace(/^name: .*$/m, `name: ${v.name}`);
      if (v.kubeVersion)
        chartYaml = chartYaml.replace(/^kubeVersion: .*$/m, `kubeVersion: "${v.kubeVersion}"`);
      await writeFile(join(dir, 'Chart.yaml'), chartYaml);
      for (const [path, content] of Object.entries(v.files ?? {})) {
        await run('mkdir', ['-p', join(dir, path, '..')]);
        await writeFile(join(dir, path), content);
      }
      dirs.push(dir);
    }
    await publishCharts({
      root: join(fx.sandbox.dir, 'charts'),
      chartDirs: dirs,
      url: fx.sandbox.chartRepoUrl,
      helmBin: pinnedHelmBin(),
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Applies a HelmRepository on the sandbox chart repository and waits for it to be Ready. */
export async function applyChartRepository(
  fx: ClusterFixture,
  namespace: string,
  name = 'charts',
): Promise<void> {
  await fx.resources.apply(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'HelmRepository',
      metadata: { name, namespace },
      spec: { url: fx.sandbox.chartRepoUrl, interval: '1m' },
    },
    { fieldManager: 'test' },
  );
  await waitForObject(
    fx.resources,
    { apiVersion: SOURCE_API_VERSION, kind: 'HelmRepository', namespace, name },
    (o) => ready(o)?.status === 'True',
  );
}

/** Applies a HelmRelease (server-side, field manager `test`). */
export async function applyRelease(
  fx: ClusterFixture,
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
): Promise<void> {
  await fx.resources.apply(
    { apiVersion: HELM_API_VERSION, kind: 'HelmRelease', metadata: { name, namespace }, spec },
    { fieldManager: 'test' },
  );
}

/** Waits for a HelmRelease to satisfy `predicate`. */
export function waitForRelease(
  fx: ClusterFixture,
  namespace: string,
  name: string,
  predicate: (o: HrObject) => boolean,
  timeoutMs = 90_000,
): Promise<HrObject> {
  return waitForObject<HrObject>(
    fx.resources,
    { apiVersion: HELM_API_VERSION, kind: 'HelmRelease', namespace, name },
    predicate,
    timeoutMs,
  );
}

/** Ready at the current generation with a reason. */
export const readyWith =
  (status: 'True' | 'False', reason?: string) =>
  (o: HrObject): boolean => {
    const r = ready(o);
    return (
      r?.status === status &&
      (reason === undefined || r.reason === reason) &&
      o.status?.observedGeneration === o.metadata.generation
    );
  };

/** A condition of a HelmRelease. */
export function conditionOf(
  o: HrObject,
  type: string,
): { status: string; reason: string; message: string } | undefined {
  return o.status?.conditions?.find((c) => c.type === type);
}

/** Runs the pinned helm against the sandbox (`helm list`, `history`, `get values`): what a user sees. */
export async function helmCli(fx: ClusterFixture, args: readonly string[]): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'tideline-helm-user-'));
  try {
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      HELM_CACHE_HOME: home,
      HELM_CONFIG_HOME: home,
      HELM_DATA_HOME: home,
    };
    const { stdout } = await run(pinnedHelmBin(), [...args, '--kubeconfig', fx.sandbox.kubeconfigPath], {
      env,
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** Creates a namespace (no error when it exists). */
export async function ensureNamespace(fx: ClusterFixture, name: string): Promise<void> {
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    { fieldManager: 'test' },
  );
}
