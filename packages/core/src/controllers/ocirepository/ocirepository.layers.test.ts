import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FLUX_MEDIA_TYPES, pushOciArtifact } from '../../testing/sandbox.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Digest } from '../../sources/artifact-store.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import {
  applyOciRepository,
  artifactFiles,
  helmPushChart,
  ociRef,
  pushFluxArtifact,
  type OciRepo,
} from '../../testing/oci-fixture.js';

const REPO_ROOT = resolve(import.meta.dirname, '../../../../..');
const HELM = join(REPO_ROOT, '.tools', 'bin', 'helm');
const CHART = join(REPO_ROOT, '..', 'shared', 'fixtures', 'charts', 'podinfo-6.2.1');
const HELM_CHART_LAYER = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
const LAYER_CAP = 64 * 1024;

let fx: ClusterFixture;
let host: string;
let work: string;

beforeAll(async () => {
  fx = await startClusterFixture({ engine: { ociRepository: { maxLayerBytes: LAYER_CAP } } });
  host = fx.sandbox.registryHost;
  work = mkdtempSync(join(tmpdir(), 'tideline-helm-'));
  await helmPushChart(HELM, CHART, host, 'charts', work);
});

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await fx?.stop();
});

describe('OCIRepository layers: a Helm chart pushed with helm push', () => {
  it('copies the chart layer as is with layerSelector (operation copy)', async () => {
    const layerSelector = { mediaType: HELM_CHART_LAYER, operation: 'copy' };
    await applyOciRepository(fx.resources, 'chart-copy', {
      url: `oci://${host}/charts/podinfo`,
      ref: { tag: '6.2.1' },
      layerSelector,
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('chart-copy'),
      (o) => ready(o)?.status === 'True',
    );
    const revision = obj.status?.artifact?.revision ?? '';
    expect(revision).toMatch(/^6\.2\.1@sha256:[0-9a-f]{64}$/);
    expect(obj.status?.artifact?.path).toBe(
      `ocirepository/default/chart-copy/${revision.split('@')[1]}.tar.gz`,
    );
    expect(obj.status?.observedLayerSelector).toEqual(layerSelector);
    expect(obj.status?.artifact?.metadata?.['org.opencontainers.image.title']).toBe('podinfo');
    // The stored file is helm's own chart archive: the layer digest equals the artifact digest.
    const data = Buffer.from(await (await fetch(obj.status!.artifact!.url)).arrayBuffer());
    expect(sha256Digest(data)).toBe(obj.status?.artifact?.digest);
    expect(gunzipSync(data).toString('latin1')).toContain('podinfo/Chart.yaml');
  });

  it('extracts the first layer by default and re-archives it', async () => {
    await applyOciRepository(fx.resources, 'chart-extract', {
      url: `oci://${host}/charts/podinfo`,
      ref: { tag: '6.2.1' },
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('chart-extract'),
      (o) => ready(o)?.status === 'True',
    );
    const files = await artifactFiles(obj.status!.artifact!);
    expect(files['podinfo/Chart.yaml']).toContain('version: 6.2.1');
    expect(obj.status?.observedLayerSelector).toBeUndefined();
  });

  it('rebuilds when only the layer selector changes, and reports a missing media type', async () => {
    const url = `oci://${host}/charts/podinfo`;
    await applyOciRepository(fx.resources, 'chart-switch', { url, ref: { tag: '6.2.1' }, insecure: true });
    const extracted = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('chart-switch'),
      (o) => ready(o)?.status === 'True',
    );
    await applyOciRepository(fx.resources, 'chart-switch', {
      url,
      ref: { tag: '6.2.1' },
      insecure: true,
      layerSelector: { mediaType: HELM_CHART_LAYER, operation: 'copy' },
    });
    const copied = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('chart-switch'),
      (o) => o.status?.observedLayerSelector?.operation === 'copy' && ready(o)?.status === 'True',
    );
    expect(copied.status?.artifact?.revision).toBe(extracted.status?.artifact?.revision);
    expect(copied.status?.artifact?.digest).not.toBe(extracted.status?.artifact?.digest);

    await applyOciRepository(fx.resources, 'chart-switch', {
      url,
      ref: { tag: '6.2.1' },
      insecure: true,
      layerSelector: { mediaType: 'application/x-nope' },
    });
    const failed = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('chart-switch'),
      (o) => ready(o)?.reason === 'OCIArtifactLayerOperationFailed',
    );
    expect(ready(failed)?.message).toBe(
      "failed to find layer with media type 'application/x-nope' in artifact",
    );
    expect(failed.status?.artifact).toEqual(copied.status?.artifact);
  });
});

describe('OCIRepository layer limits and ignore', () => {
  it('refuses a layer over the byte cap and stores no artifact', async () => {
    const big = Buffer.alloc(LAYER_CAP * 2, 7);
    await pushOciArtifact({
      host,
      repository: 'apps/big',
      tag: 'v1',
      layers: [{ mediaType: FLUX_MEDIA_TYPES.content, data: big }],
    });
    await applyOciRepository(fx.resources, 'big', {
      url: `oci://${host}/apps/big`,
      ref: { tag: 'v1' },
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('big'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('OCIArtifactLayerOperationFailed');
    expect(ready(obj)?.message).toBe(
      `failed to extract layer contents from artifact: layer ${sha256Digest(big)} of ${big.length} bytes exceeds the maximum of ${LAYER_CAP} bytes`,
    );
    expect(obj.status?.artifact).toBeUndefined();
  });

  it('applies spec.ignore and .sourceignore when extracting', async () => {
    await pushFluxArtifact(host, 'apps/ignored', 'v1', {
      'keep.yaml': 'k',
      'drop.md': 'd',
      '.sourceignore': 'secret/\n',
      'secret/x.yaml': 's',
    });
    await applyOciRepository(fx.resources, 'ignored', {
      url: `oci://${host}/apps/ignored`,
      ref: { tag: 'v1' },
      insecure: true,
      ignore: '*.md',
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('ignored'),
      (o) => ready(o)?.status === 'True',
    );
    expect(Object.keys(await artifactFiles(obj.status!.artifact!)).sort()).toEqual([
      '.sourceignore',
      'keep.yaml',
    ]);
  });

  it('refuses a layer that is not a tar.gz on extract', async () => {
    await pushOciArtifact({
      host,
      repository: 'apps/notgz',
      tag: 'v1',
      layers: [{ mediaType: FLUX_MEDIA_TYPES.content, data: Buffer.from('plain text') }],
    });
    await applyOciRepository(fx.resources, 'notgz', {
      url: `oci://${host}/apps/notgz`,
      ref: { tag: 'v1' },
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('notgz'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('OCIArtifactLayerOperationFailed');
    expect(ready(obj)?.message).toMatch(/^failed to extract layer contents from artifact: /);
  });
});
