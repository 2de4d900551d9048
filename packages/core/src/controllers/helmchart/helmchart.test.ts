import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishCharts } from '../../testing/sandbox.js';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import {
  applySource,
  CHART_FIXTURES,
  condition,
  eventsFor,
  helmShow,
  pinnedHelm,
  sourceRef,
  type HelmChartObject,
} from '../../testing/helm-chart-fixture.js';

let fx: ClusterFixture;
let scratch: string;
let repoRevision = '';

const chartRef = (name: string): ReturnType<typeof sourceRef> => sourceRef('HelmChart', name);
const applyChart = (name: string, spec: Record<string, unknown>): Promise<void> =>
  applySource(fx, 'HelmChart', name, {
    chart: 'podinfo',
    interval: '10m',
    sourceRef: { kind: 'HelmRepository', name: 'podinfo' },
    ...spec,
  });
const waitReady = (
  name: string,
  status: 'True' | 'False' = 'True',
  extra: (o: HelmChartObject) => boolean = () => true,
): Promise<HelmChartObject> =>
  waitForObject<HelmChartObject>(
    fx.resources,
    chartRef(name),
    (o) => ready(o)?.status === status && o.status?.observedGeneration === o.metadata.generation && extra(o),
  );

beforeAll(async () => {
  fx = await startClusterFixture();
  scratch = await mkdtemp(join(tmpdir(), 'tideline-hc-repo-'));
  // A pre-release beside the two stable versions: `*` must not pick it, `>=6.3.0-0` must.
  const rc = join(scratch, 'podinfo-rc');
  await cp(join(CHART_FIXTURES, 'podinfo-6.2.2'), rc, { recursive: true });
  const chartYaml = await readFile(join(rc, 'Chart.yaml'), 'utf8');
  await writeFile(join(rc, 'Chart.yaml'), chartYaml.replace(/^version: .*$/m, 'version: 6.3.0-rc.1'));
  const chartDirs = [join(CHART_FIXTURES, 'podinfo-6.2.1'), join(CHART_FIXTURES, 'podinfo-6.2.2'), rc];
  await publishCharts({
    root: join(fx.sandbox.dir, 'charts'),
    chartDirs,
    url: fx.sandbox.chartRepoUrl,
    helmBin: pinnedHelm(),
  });
  await applySource(fx, 'HelmRepository', 'podinfo', { url: fx.sandbox.chartRepoUrl, interval: '10m' });
  const repo = await waitForObject<HelmChartObject>(
    fx.resources,
    sourceRef('HelmRepository', 'podinfo'),
    (o) => ready(o)?.status === 'True',
  );
  repoRevision = repo.status?.artifact?.revision ?? '';
});

afterAll(async () => {
  await fx?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('HelmChart from a HelmRepository', () => {
  it('pulls an exact version as it is published, with Flux conditions, status and event', async () => {
    await applyChart('exact', { version: '6.2.1' });
    const obj = await waitReady('exact');
    const message = "pulled 'podinfo' chart with version '6.2.1'";
    expect(ready(obj)).toMatchObject({ reason: 'ChartPullSucceeded', message });
    expect(condition(obj, 'ArtifactInStorage')).toMatchObject({
      status: 'True',
      reason: 'ChartPullSucceeded',
      message,
    });
    expect(condition(obj, 'Reconciling')).toBeUndefined();
    expect(obj.status).toMatchObject({
      observedChartName: 'podinfo',
      observedSourceArtifactRevision: repoRevision,
    });
    expect(obj.status?.artifact).toMatchObject({
      revision: '6.2.1',
      path: 'helmchart/default/exact/podinfo-6.2.1.tgz',
    });
    expect(obj.metadata.finalizers).toContain('finalizers.fluxcd.io');
    // Pulled, not repackaged: the stored bytes are the published archive.
    const published = await readFile(join(fx.sandbox.dir, 'charts', 'podinfo-6.2.1.tgz'));
    expect(obj.status?.artifact?.digest).toBe(
      `sha256:${createHash('sha256').update(published).digest('hex')}`,
    );
    expect(parse(await helmShow(obj.status?.artifact?.url ?? '', 'chart'))).toMatchObject({
      name: 'podinfo',
      version: '6.2.1',
    });
    const events = await eventsFor(fx, 'HelmChart', 'exact');
    expect(events).toContainEqual({
      type: 'Normal',
      reason: 'ChartPullSucceeded',
      message,
      annotations: expect.objectContaining({
        'source.toolkit.fluxcd.io/revision': '6.2.1',
        'source.toolkit.fluxcd.io/digest': obj.status?.artifact?.digest,
      }),
    });
  });

  it.each([
    ['range', '6.2.x', '6.2.2'],
    ['star', '*', '6.2.2'],
    ['prerelease', '>=6.3.0-0', '6.3.0-rc.1'],
  ])('%s: version %s picks %s', async (name, version, expected) => {
    await applyChart(name, { version });
    const obj = await waitReady(name);
    expect(obj.status?.artifact?.revision).toBe(expected);
    expect(ready(obj)?.message).toBe(`pulled 'podinfo' chart with version '${expected}'`);
  });

  it('defaults the version to * (the latest stable)', async () => {
    await applyChart('default-version', {});
    expect((await waitReady('default-version')).status?.artifact?.revision).toBe('6.2.2');
  });

  it('stalls on a range nothing matches, with source-controller words', async () => {
    await applyChart('nomatch', { version: '7.x' });
    const obj = await waitReady('nomatch', 'False');
    const message =
      "invalid chart reference: failed to get chart version for remote reference: no 'podinfo' chart with version matching '7.x' found";
    expect(ready(obj)).toMatchObject({ reason: 'InvalidChartReference', message });
    expect(condition(obj, 'FetchFailed')).toMatchObject({
      status: 'True',
      reason: 'InvalidChartReference',
      message,
    });
    expect(condition(obj, 'Stalled')).toMatchObject({
      status: 'True',
      reason: 'InvalidChartReference',
      message,
    });
    expect(condition(obj, 'Reconciling')).toBeUndefined();
    expect(obj.status?.artifact).toBeUndefined();
    expect(await eventsFor(fx, 'HelmChart', 'nomatch')).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'InvalidChartReference', message }),
    );
  });

  it('merges values files into the chart and stamps the generation on the version', async () => {
    await applyChart('values', { version: '6.2.2', valuesFiles: ['values.yaml', 'values-prod.yaml'] });
    const obj = await waitReady('values');
    expect(obj.status?.artifact?.revision).toBe('6.2.2+1');
    expect(ready(obj)).toMatchObject({
      reason: 'ChartPackageSucceeded',
      message:
        "packaged 'podinfo' chart with version '6.2.2+1' and merged values files [values.yaml values-prod.yaml]",
    });
    expect(obj.status?.artifact?.path).toBe('helmchart/default/values/podinfo-6.2.2+1.tgz');
    const values = parse(await helmShow(obj.status?.artifact?.url ?? '', 'values')) as {
      hpa: { enabled: boolean; maxReplicas: number };
      host: unknown;
    };
    expect(values.hpa).toMatchObject({ enabled: true, maxReplicas: 5 });
    expect(values).toHaveProperty('host'); // from values.yaml, absent from values-prod.yaml
    expect(parse(await helmShow(obj.status?.artifact?.url ?? '', 'chart'))).toMatchObject({
      version: '6.2.2+1',
    });
  });

  it('moves to a new version on a spec change and records reconcile requests', async () => {
    await applyChart('moving', { version: '6.2.1' });
    const first = await waitReady('moving');
    await applyChart('moving', { version: '6.2.2' });
    const second = await waitReady('moving', 'True', (o) => o.status?.artifact?.revision === '6.2.2');
    expect(second.status?.artifact?.digest).not.toBe(first.status?.artifact?.digest);
    await fx.resources.mergePatch(chartRef('moving'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'now-1' } },
    });
    const handled = await waitReady('moving', 'True', (o) => o.status?.lastHandledReconcileAt === 'now-1');
    expect(handled.status?.artifact?.digest).toBe(second.status?.artifact?.digest);
  });

  it('does nothing while suspended', async () => {
    await applyChart('suspended', { version: '6.2.1', suspend: true });
    await new Promise((r) => setTimeout(r, 1500));
    const obj = await fx.resources.get<HelmChartObject>(chartRef('suspended'));
    expect(obj?.status?.artifact).toBeUndefined();
    expect(ready(obj as HelmChartObject)).toBeUndefined();
    await applyChart('suspended', { version: '6.2.1', suspend: false });
    expect((await waitReady('suspended')).status?.artifact?.revision).toBe('6.2.1');
  });

  it('rebuilds an artifact whose file was altered, and removes its artifacts on deletion', async () => {
    await applyChart('storage', { version: '6.2.1' });
    const good = await waitReady('storage');
    const file = join(fx.sandbox.dir, 'engine', 'artifacts', good.status?.artifact?.path ?? '');
    await writeFile(file, 'tampered');
    await fx.resources.mergePatch(chartRef('storage'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'tamper' } },
    });
    const rebuilt = await waitReady('storage', 'True', (o) => o.status?.lastHandledReconcileAt === 'tamper');
    expect(rebuilt.status?.artifact?.digest).toBe(good.status?.artifact?.digest);
    expect(
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
    ).toBe(good.status?.artifact?.digest.slice('sha256:'.length));
    expect(await eventsFor(fx, 'HelmChart', 'storage')).toContainEqual(
      expect.objectContaining({
        type: 'Warning',
        reason: 'ArtifactVerificationFailed',
        message: `failed to verify integrity of artifact: computed digest doesn't match '${good.status?.artifact?.digest}'`,
      }),
    );
    await fx.resources.delete(chartRef('storage'));
    for (let i = 0; i < 100 && (await fx.resources.get(chartRef('storage'))); i += 1)
      await new Promise((r) => setTimeout(r, 200));
    expect(await fx.resources.get(chartRef('storage'))).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });

  it('waits for a missing source and builds as soon as it has an artifact', async () => {
    await applySource(fx, 'HelmChart', 'later', {
      chart: 'podinfo',
      version: '6.2.1',
      interval: '10m',
      sourceRef: { kind: 'HelmRepository', name: 'later' },
    });
    const waiting = await waitForObject<HelmChartObject>(
      fx.resources,
      chartRef('later'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(waiting)).toMatchObject({
      reason: 'SourceUnavailable',
      message: 'failed to get source: helmrepositories.source.toolkit.fluxcd.io "later" not found',
    });
    await applySource(fx, 'HelmRepository', 'later', { url: fx.sandbox.chartRepoUrl, interval: '10m' });
    const obj = await waitReady('later');
    expect(obj.status?.artifact?.revision).toBe('6.2.1');
    expect(condition(obj, 'FetchFailed')).toBeUndefined();
  });
});
