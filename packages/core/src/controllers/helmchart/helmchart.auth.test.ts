import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packTarGz } from '../../sources/tar-writer.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { applySource, eventsFor, sourceRef, type HelmChartObject } from '../../testing/helm-chart-fixture.js';

const PASSWORD = 's3cr3t-chart-password';
const AUTH = `Basic ${Buffer.from(`chartuser:${PASSWORD}`).toString('base64')}`;

const chart = (name: string): Buffer =>
  packTarGz([
    {
      path: `${name}/Chart.yaml`,
      type: 'file',
      data: Buffer.from(`apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`),
    },
    { path: `${name}/values.yaml`, type: 'file', data: Buffer.from('a: 1\n') },
  ]);

/** A server that serves `index` openly and every archive only with the right Basic credentials. */
function chartServer(archives: Map<string, Buffer>, index: () => string): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const file = (req.url ?? '/').slice(1);
    if (file === 'index.yaml') return void res.end(index());
    if (req.headers.authorization !== AUTH) return void res.writeHead(401, 'Unauthorized').end();
    const data = archives.get(file);
    if (!data) return void res.writeHead(404).end();
    res.end(data);
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

let fx: ClusterFixture;
let repoServer: Server;
let cdnServer: Server;
let cdnUrl = '';

beforeAll(async () => {
  const archives = new Map([
    ['same-1.0.0.tgz', chart('same')],
    ['elsewhere-1.0.0.tgz', chart('elsewhere')],
  ]);
  const digest = (file: string): string =>
    createHash('sha256')
      .update(archives.get(file) ?? '')
      .digest('hex');
  cdnServer = chartServer(archives, () => '');
  cdnUrl = await listen(cdnServer);
  repoServer = chartServer(archives, () =>
    stringify({
      apiVersion: 'v1',
      entries: {
        same: [
          { name: 'same', version: '1.0.0', urls: ['same-1.0.0.tgz'], digest: digest('same-1.0.0.tgz') },
        ],
        elsewhere: [
          {
            name: 'elsewhere',
            version: '1.0.0',
            urls: [`${cdnUrl}/elsewhere-1.0.0.tgz`],
            digest: digest('elsewhere-1.0.0.tgz'),
          },
        ],
      },
    }),
  );
  const repoUrl = await listen(repoServer);
  fx = await startClusterFixture();
  await fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'chart-auth', namespace: 'default' },
      stringData: { username: 'chartuser', password: PASSWORD },
    },
    { fieldManager: 'test' },
  );
  await applySource(fx, 'HelmRepository', 'private', {
    url: repoUrl,
    interval: '10m',
    secretRef: { name: 'chart-auth' },
  });
  await applySource(fx, 'HelmRepository', 'passing', {
    url: repoUrl,
    interval: '10m',
    secretRef: { name: 'chart-auth' },
    passCredentials: true,
  });
  for (const name of ['private', 'passing'])
    await waitForObject(fx.resources, sourceRef('HelmRepository', name), (o) => ready(o)?.status === 'True');
}, 120_000);

afterAll(async () => {
  await fx?.stop();
  for (const server of [repoServer, cdnServer]) {
    server?.closeAllConnections();
    server?.close();
  }
});

const applyChart = (name: string, chartName: string, repo: string): Promise<void> =>
  applySource(fx, 'HelmChart', name, {
    chart: chartName,
    version: '1.0.0',
    interval: '10m',
    sourceRef: { kind: 'HelmRepository', name: repo },
  });
const waitFor = (name: string, status: 'True' | 'False'): Promise<HelmChartObject> =>
  waitForObject<HelmChartObject>(
    fx.resources,
    sourceRef('HelmChart', name),
    (o) => ready(o)?.status === status,
  );

describe('HelmChart credentials', () => {
  it('sends the repository credentials for charts on the repository host', async () => {
    await applyChart('same', 'same', 'private');
    expect((await waitFor('same', 'True')).status?.artifact?.revision).toBe('1.0.0');
  });

  it('keeps them from another host unless passCredentials is set', async () => {
    await applyChart('elsewhere', 'elsewhere', 'private');
    const refused = await waitFor('elsewhere', 'False');
    expect(ready(refused)).toMatchObject({
      reason: 'AuthenticationFailed',
      message: `failed to authenticate with the Helm repository: chart pull error: failed to download chart for remote reference: failed to fetch ${cdnUrl}/elsewhere-1.0.0.tgz : 401 Unauthorized`,
    });
    await applyChart('passed', 'elsewhere', 'passing');
    expect((await waitFor('passed', 'True')).status?.artifact?.revision).toBe('1.0.0');
  });

  it('reports a credentials Secret that went missing as AuthenticationFailed', async () => {
    await fx.resources.apply(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'short-lived', namespace: 'default' },
        stringData: { username: 'chartuser', password: PASSWORD },
      },
      { fieldManager: 'test' },
    );
    const repoUrl = (
      await fx.resources.get<HelmChartObject & { spec: { url: string } }>(
        sourceRef('HelmRepository', 'private'),
      )
    )?.spec.url;
    await applySource(fx, 'HelmRepository', 'short-lived', {
      url: repoUrl,
      interval: '10m',
      secretRef: { name: 'short-lived' },
    });
    await waitForObject(
      fx.resources,
      sourceRef('HelmRepository', 'short-lived'),
      (o) => ready(o)?.status === 'True',
    );
    await fx.resources.delete({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'default',
      name: 'short-lived',
    });
    await applyChart('orphaned', 'same', 'short-lived');
    const obj = await waitFor('orphaned', 'False');
    expect(ready(obj)).toMatchObject({
      reason: 'AuthenticationFailed',
      message: `failed to get authentication secret 'default/short-lived': secrets "short-lived" not found`,
    });
  });

  it('never writes the password into status or events', async () => {
    for (const name of ['same', 'elsewhere', 'passed']) {
      const obj = await fx.resources.get<HelmChartObject>(sourceRef('HelmChart', name));
      expect(JSON.stringify(obj?.status)).not.toContain(PASSWORD);
      expect(JSON.stringify(await eventsFor(fx, 'HelmChart', name))).not.toContain(PASSWORD);
    }
  });
});
