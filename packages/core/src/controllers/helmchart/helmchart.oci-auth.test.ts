import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pushOciArtifact } from '../../testing/sandbox.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaType } from '../../sources/oci/media-types.js';
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
  pinnedHelm,
  sourceRef,
  type HelmChartObject,
} from '../../testing/helm-chart-fixture.js';

const AUTH = { username: 'charts', password: 'S3cret-oci-chart-pass' };
const WRONG = 'wrong-oci-chart-pass';
let fx: ClusterFixture;
let host = '';
let work = '';

async function secret(name: string, body: Record<string, unknown>): Promise<void> {
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, ...body },
    { fieldManager: 'test' },
  );
}

const dockerConfig = (password: string): Record<string, unknown> => ({
  type: 'kubernetes.io/dockerconfigjson',
  stringData: {
    '.dockerconfigjson': JSON.stringify({
      auths: { [host]: { auth: Buffer.from(`${AUTH.username}:${password}`).toString('base64') } },
    }),
  },
});

/** An OCI HelmRepository `name` with `secretRef` `secretName` and a chart `name` from it. */
async function chartWith(
  name: string,
  secretName: string | undefined,
  version: string,
): Promise<HelmChartObject> {
  await applySource(fx, 'HelmRepository', name, {
    type: 'oci',
    url: `oci://${host}/private`,
    insecure: true,
    interval: '10m',
    ...(secretName ? { secretRef: { name: secretName } } : {}),
  });
  await applySource(fx, 'HelmChart', name, {
    chart: 'podinfo',
    version,
    interval: '10m',
    sourceRef: { kind: 'HelmRepository', name },
  });
  return waitForObject<HelmChartObject>(
    fx.resources,
    sourceRef('HelmChart', name),
    (o) => ready(o)?.status !== undefined && ready(o)?.reason !== 'Progressing',
  );
}

beforeAll(async () => {
  fx = await startClusterFixture({ registryAuth: AUTH });
  host = fx.sandbox.registryHost;
  work = await mkdtemp(join(tmpdir(), 'tideline-hc-oci-auth-'));
  // `helm push` shapes a chart as a Helm config blob plus the packaged chart as one layer.
  await promisify(execFile)(
    pinnedHelm(),
    ['package', join(CHART_FIXTURES, 'podinfo-6.2.2'), '--destination', work],
    {
      env: { PATH: process.env.PATH, HELM_CACHE_HOME: work, HELM_CONFIG_HOME: work, HELM_DATA_HOME: work },
      timeout: 60_000,
    },
  );
  const data = await readFile(join(work, 'podinfo-6.2.2.tgz'));
  await pushOciArtifact({
    host,
    repository: 'private/podinfo',
    tag: '6.2.2',
    auth: AUTH,
    configMediaType: MediaType.helmConfig,
    layers: [{ mediaType: MediaType.helmChartContent, data }],
  });
}, 120_000);

afterAll(async () => {
  await fx?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('HelmChart from an OCI HelmRepository behind htpasswd', () => {
  it('lists tags and pulls with username/password from secretRef', async () => {
    await secret('basic', { stringData: AUTH });
    const obj = await chartWith('basic', 'basic', '6.2.x');
    expect(ready(obj)).toMatchObject({
      status: 'True',
      reason: 'ChartPullSucceeded',
      message: "pulled 'podinfo' chart with version '6.2.2'",
    });
  });

  it('pulls with a kubernetes.io/dockerconfigjson Secret', async () => {
    await secret('docker', dockerConfig(AUTH.password));
    const obj = await chartWith('docker', 'docker', '6.2.2');
    expect(ready(obj)).toMatchObject({ status: 'True', reason: 'ChartPullSucceeded' });
  });

  it.each([
    ['wrong-basic', { stringData: { username: AUTH.username, password: WRONG } }],
    ['wrong-docker', dockerConfig(WRONG)],
  ])('reports wrong credentials (%s) as AuthenticationFailed without leaking them', async (name, body) => {
    await secret(name, body);
    const obj = await chartWith(name, name, '6.2.x');
    const message = `failed to authenticate with the Helm repository: chart pull error: failed to get chart version for remote reference: could not get tags for "podinfo": could not fetch tags for "oci://${host}/private/podinfo": GET http://${host}/v2/private/podinfo/tags/list?n=1000: UNAUTHORIZED: authentication required`;
    expect(ready(obj)).toMatchObject({ status: 'False', reason: 'AuthenticationFailed' });
    expect(ready(obj)?.message).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(condition(obj, 'FetchFailed')).toMatchObject({ status: 'True', reason: 'AuthenticationFailed' });
    const visible = JSON.stringify(obj.status) + JSON.stringify(await eventsFor(fx, 'HelmChart', name));
    expect(visible).not.toContain(WRONG);
    expect(visible).not.toContain(Buffer.from(`${AUTH.username}:${WRONG}`).toString('base64'));
  });

  it('is refused without credentials', async () => {
    const obj = await chartWith('anonymous', undefined, '6.2.2');
    expect(ready(obj)).toMatchObject({ status: 'False', reason: 'AuthenticationFailed' });
    expect(ready(obj)?.message).toContain(
      `failed to get 'oci://${host}/private/podinfo:6.2.2': GET http://${host}/v2/private/podinfo/manifests/6.2.2: UNAUTHORIZED`,
    );
  });

  it('reports a missing Secret as AuthenticationFailed, as source-controller words it', async () => {
    const obj = await chartWith('no-secret', 'nope', '6.2.2');
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'AuthenticationFailed',
      message: `failed to get authentication secret 'default/nope': secrets "nope" not found`,
    });
    expect(condition(obj, 'FetchFailed')).toMatchObject({ status: 'True', reason: 'AuthenticationFailed' });
  });
});
