import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushOciArtifact } from '../../testing/sandbox.js';
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
import { MediaType } from '../../sources/oci/media-types.js';
import { helmPushChart, pushFluxArtifact } from '../../testing/oci-fixture.js';

let fx: ClusterFixture;
let host = '';
let work = '';

const chartRef = (name: string): ReturnType<typeof sourceRef> => sourceRef('HelmChart', name);
const applyChart = (name: string, spec: Record<string, unknown>): Promise<void> =>
  applySource(fx, 'HelmChart', name, {
    chart: 'podinfo',
    interval: '10m',
    sourceRef: { kind: 'HelmRepository', name: 'registry' },
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
    (o) => ready(o)?.status === status && extra(o),
  );
const sha256Of = async (file: string): Promise<string> =>
  `sha256:${createHash('sha256')
    .update(await readFile(file))
    .digest('hex')}`;

beforeAll(async () => {
  fx = await startClusterFixture();
  host = fx.sandbox.registryHost;
  work = await mkdtemp(join(tmpdir(), 'tideline-hc-oci-'));
  // The real `helm push` of both versions: tags 6.2.1 and 6.2.2 in oci://<host>/charts/podinfo.
  for (const version of ['6.2.1', '6.2.2'])
    await helmPushChart(
      pinnedHelm(),
      join(CHART_FIXTURES, `podinfo-${version}`),
      host,
      'charts',
      join(work, version),
    );
  // A tag that is no chart version: Helm's tag list ignores it, so `*` must too.
  await pushFluxArtifact(host, 'charts/podinfo', 'latest', { 'a.yaml': 'not a chart' });
  await applySource(fx, 'HelmRepository', 'registry', {
    type: 'oci',
    url: `oci://${host}/charts`,
    insecure: true,
    interval: '10m',
  });
}, 120_000);

afterAll(async () => {
  await fx?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('HelmChart from an OCI HelmRepository', () => {
  it('pulls an exact version byte for byte, with Flux conditions, status and event', async () => {
    await applyChart('exact', { version: '6.2.1' });
    const obj = await waitReady('exact');
    const message = "pulled 'podinfo' chart with version '6.2.1'";
    expect(ready(obj)).toMatchObject({ reason: 'ChartPullSucceeded', message });
    expect(condition(obj, 'ArtifactInStorage')).toMatchObject({
      status: 'True',
      reason: 'ChartPullSucceeded',
      message,
    });
    expect(obj.status).toMatchObject({ observedChartName: 'podinfo', observedGeneration: 1 });
    // An OCI HelmRepository has no artifact, so there is no source revision to observe.
    expect(obj.status?.observedSourceArtifactRevision).toBeUndefined();
    expect(obj.status?.artifact).toMatchObject({
      revision: '6.2.1',
      path: 'helmchart/default/exact/podinfo-6.2.1.tgz',
    });
    expect(obj.status?.artifact?.digest).toBe(await sha256Of(join(work, '6.2.1', 'podinfo-6.2.1.tgz')));
    expect(parse(await helmShow(obj.status?.artifact?.url ?? '', 'chart'))).toMatchObject({
      name: 'podinfo',
      version: '6.2.1',
    });
    expect(await eventsFor(fx, 'HelmChart', 'exact')).toContainEqual({
      type: 'Normal',
      reason: 'ChartPullSucceeded',
      message,
      annotations: expect.objectContaining({
        'source.toolkit.fluxcd.io/revision': '6.2.1',
        'source.toolkit.fluxcd.io/digest': obj.status?.artifact?.digest,
      }) as unknown,
    });
  });

  it.each([
    ['6.2.x', '6.2.2'],
    ['*', '6.2.2'],
    ['<6.2.2', '6.2.1'],
  ])('picks the highest tag matching %s from the registry', async (version, expected) => {
    const name = `range-${expected.replaceAll('.', '-')}-${version === '*' ? 'any' : version.length}`;
    await applyChart(name, { version });
    const obj = await waitReady(name);
    expect(ready(obj)?.message).toBe(`pulled 'podinfo' chart with version '${expected}'`);
    expect(obj.status?.artifact?.digest).toBe(
      await sha256Of(join(work, expected, `podinfo-${expected}.tgz`)),
    );
  });

  it('reports a range no tag matches as Flux does (a pull error: retried, not stalled)', async () => {
    await applyChart('no-match', { version: '7.x' });
    const obj = await waitReady('no-match', 'False');
    const message =
      'chart pull error: failed to get chart version for remote reference: could not locate a version matching provided version string 7.x';
    expect(ready(obj)).toMatchObject({ reason: 'ChartPullError', message });
    expect(condition(obj, 'FetchFailed')).toMatchObject({
      status: 'True',
      reason: 'ChartPullError',
      message,
    });
    expect(condition(obj, 'Stalled')).toBeUndefined();
    expect(obj.status?.artifact).toBeUndefined();
    expect(await eventsFor(fx, 'HelmChart', 'no-match')).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'ChartPullError', message }),
    );
  });

  it('merges values files and packages, as for charts from an index', async () => {
    await applyChart('values', { version: '6.2.2', valuesFiles: ['values.yaml', 'values-prod.yaml'] });
    const obj = await waitReady('values');
    expect(ready(obj)).toMatchObject({
      reason: 'ChartPackageSucceeded',
      message:
        "packaged 'podinfo' chart with version '6.2.2+1' and merged values files [values.yaml values-prod.yaml]",
    });
    expect(parse(await helmShow(obj.status?.artifact?.url ?? '', 'chart'))).toMatchObject({
      name: 'podinfo',
      version: '6.2.2+1',
    });
    const prod = parse(
      await readFile(join(CHART_FIXTURES, 'podinfo-6.2.2', 'values-prod.yaml'), 'utf8'),
    ) as Record<string, unknown>;
    expect(parse(await helmShow(obj.status?.artifact?.url ?? '', 'values'))).toMatchObject(prod);
  });

  it('keeps the last artifact when the registry becomes unreachable', async () => {
    await applySource(fx, 'HelmRepository', 'flaky', {
      type: 'oci',
      url: `oci://${host}/charts`,
      insecure: true,
      interval: '10m',
    });
    await applySource(fx, 'HelmChart', 'kept', {
      chart: 'podinfo',
      version: '*',
      interval: '10m',
      sourceRef: { kind: 'HelmRepository', name: 'flaky' },
    });
    const good = await waitReady('kept');
    await applySource(fx, 'HelmRepository', 'flaky', {
      type: 'oci',
      url: 'oci://127.0.0.1:1/charts',
      insecure: true,
      interval: '10m',
    });
    await fx.resources.mergePatch(
      chartRef('kept'),
      { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'unreachable' } } },
      'test',
    );
    const obj = await waitReady('kept', 'False');
    expect(ready(obj)?.reason).toBe('ChartPullError');
    expect(ready(obj)?.message).toContain(
      'chart pull error: failed to get chart version for remote reference: could not get tags for "podinfo": could not fetch tags for "oci://127.0.0.1:1/charts/podinfo": GET http://127.0.0.1:1/v2/charts/podinfo/tags/list',
    );
    expect(obj.status?.artifact).toEqual(good.status?.artifact);
    expect(condition(obj, 'ArtifactInStorage')).toMatchObject({
      status: 'True',
      message: "pulled 'podinfo' chart with version '6.2.2'",
    });
    expect(obj.status?.lastHandledReconcileAt).toBe('unreachable');
  });

  it('sends nothing over plain HTTP without insecure: true', async () => {
    await applySource(fx, 'HelmRepository', 'tls-only', {
      type: 'oci',
      url: `oci://${host}/charts`,
      interval: '10m',
    });
    await applySource(fx, 'HelmChart', 'tls-only', {
      chart: 'podinfo',
      version: '6.2.1',
      interval: '10m',
      sourceRef: { kind: 'HelmRepository', name: 'tls-only' },
    });
    const obj = await waitReady('tls-only', 'False');
    expect(ready(obj)?.message).toContain(
      `chart pull error: failed to download chart for remote reference: failed to get 'oci://${host}/charts/podinfo:6.2.1': GET https://${host}/v2/charts/podinfo/manifests/6.2.1`,
    );
  });

  it('refuses a chart layer beyond the 10 MiB chart cap before downloading it', async () => {
    const size = 10 * 1024 * 1024 + 1;
    const layer = randomBytes(size);
    const digest = `sha256:${createHash('sha256').update(layer).digest('hex')}`;
    await pushOciArtifact({
      host,
      repository: 'charts/big',
      tag: '1.0.0',
      configMediaType: MediaType.helmConfig,
      layers: [{ mediaType: MediaType.helmChartContent, data: layer }],
    });
    await applyChart('big', { chart: 'big', version: '1.0.0' });
    const obj = await waitReady('big', 'False');
    expect(ready(obj)).toMatchObject({
      reason: 'ChartPullError',
      message: `chart pull error: failed to download chart for remote reference: failed to get 'oci://${host}/charts/big:1.0.0': layer ${digest} of ${size} bytes exceeds the maximum of ${size - 1} bytes`,
    });
  });

  it('stalls on an OCI HelmRepository whose URL is not oci://', async () => {
    await applySource(fx, 'HelmRepository', 'not-oci', {
      type: 'oci',
      url: `http://${host}/charts`,
      interval: '10m',
    });
    await applySource(fx, 'HelmChart', 'not-oci', {
      chart: 'podinfo',
      version: '6.2.1',
      interval: '10m',
      sourceRef: { kind: 'HelmRepository', name: 'not-oci' },
    });
    const obj = await waitReady('not-oci', 'False');
    const message = `failed to construct Helm client: invalid OCI registry URL: http://${host}/charts`;
    expect(ready(obj)).toMatchObject({ reason: 'Failed', message });
    expect(condition(obj, 'Stalled')).toMatchObject({ status: 'True', reason: 'Failed', message });
    expect(condition(obj, 'FetchFailed')).toMatchObject({ status: 'True', reason: 'Failed', message });
  });
});
