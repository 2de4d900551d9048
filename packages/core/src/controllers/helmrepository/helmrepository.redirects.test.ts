import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { publishCharts } from '../../testing/sandbox.js';
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
  pinnedHelm,
  sourceRef,
  type HelmChartObject,
} from '../../testing/helm-chart-fixture.js';

const PASSWORD = 'redirect-index-s3cret';
const AUTH = `Basic ${Buffer.from(`indexuser:${PASSWORD}`).toString('base64')}`;

let fx: ClusterFixture;
const servers: Server[] = [];
let front = '';
let mirror = '';
let directRevision = '';
/** What each server saw: path and Authorization header, in order. */
const seen: { server: 'front' | 'mirror'; path: string; auth?: string }[] = [];

async function listen(server: Server, host: string): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  const address = server.address();
  return `http://${host}:${typeof address === 'object' && address ? address.port : 0}`;
}

/**
 * The repository's host: asks for credentials, moves the index once on its own host, then to a
 * mirror on another host (`localhost` is not `127.0.0.1`); `/loop/` redirects forever.
 */
function frontServer(): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    seen.push({ server: 'front', path, auth: req.headers.authorization });
    if (req.headers.authorization !== AUTH) return void res.writeHead(401, 'Unauthorized').end();
    if (path === '/repo/index.yaml') return void res.writeHead(301, { location: '/moved/index.yaml' }).end();
    if (path === '/moved/index.yaml')
      return void res.writeHead(302, { location: `${mirror}/index.yaml` }).end();
    if (path.startsWith('/loop/')) return void res.writeHead(307, { location: `/loop/${seen.length}` }).end();
    res.writeHead(404, 'Not Found').end();
  });
}

/** Another host that records what it was sent and serves the sandbox chart repository's index. */
function mirrorServer(): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push({ server: 'mirror', path: req.url ?? '/', auth: req.headers.authorization });
    void fetch(`${fx.sandbox.chartRepoUrl}${req.url ?? '/'}`).then(async (upstream) => {
      res.writeHead(upstream.status).end(Buffer.from(await upstream.arrayBuffer()));
    });
  });
}

beforeAll(async () => {
  fx = await startClusterFixture();
  const charts = ['podinfo-6.2.1', 'podinfo-6.2.2'].map((c) => join(CHART_FIXTURES, c));
  await publishCharts({
    root: join(fx.sandbox.dir, 'charts'),
    chartDirs: charts,
    url: fx.sandbox.chartRepoUrl,
    helmBin: pinnedHelm(),
  });
  front = await listen(frontServer(), '127.0.0.1');
  mirror = await listen(mirrorServer(), 'localhost');
  await fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'index-auth', namespace: 'default' },
      stringData: { username: 'indexuser', password: PASSWORD },
    },
    { fieldManager: 'test' },
  );
  await applySource(fx, 'HelmRepository', 'direct', { url: fx.sandbox.chartRepoUrl, interval: '10m' });
  const direct = await waitForObject<HelmChartObject>(
    fx.resources,
    sourceRef('HelmRepository', 'direct'),
    (o) => ready(o)?.status === 'True',
  );
  directRevision = direct.status?.artifact?.revision ?? '';
}, 120_000);

afterAll(async () => {
  await fx?.stop();
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

/** Applies HelmRepository `name` with the credentials Secret and waits for a verdict. */
async function repository(
  name: string,
  url: string,
  extra: Record<string, unknown> = {},
): Promise<HelmChartObject> {
  seen.length = 0;
  await applySource(fx, 'HelmRepository', name, {
    url,
    interval: '10m',
    secretRef: { name: 'index-auth' },
    ...extra,
  });
  return waitForObject<HelmChartObject>(
    fx.resources,
    sourceRef('HelmRepository', name),
    (o) => ['True', 'False'].includes(ready(o)?.status ?? '') && ready(o)?.reason !== 'Progressing',
  );
}

describe('HelmRepository index behind redirects', () => {
  it('follows redirects, keeping the credentials on the repository host only', async () => {
    const obj = await repository('moved', `${front}/repo`);
    expect(ready(obj)).toMatchObject({
      status: 'True',
      message: `stored artifact for revision '${directRevision}'`,
    });
    expect(seen).toEqual([
      { server: 'front', path: '/repo/index.yaml', auth: AUTH },
      { server: 'front', path: '/moved/index.yaml', auth: AUTH },
      { server: 'mirror', path: '/index.yaml', auth: undefined },
    ]);
  });

  it('keeps them across hosts with passCredentials', async () => {
    const obj = await repository('passing', `${front}/repo`, { passCredentials: true });
    expect(ready(obj)?.status).toBe('True');
    expect(seen.at(-1)).toEqual({ server: 'mirror', path: '/index.yaml', auth: AUTH });
  });

  it('gives up after 10 redirects, as Go does', async () => {
    const obj = await repository('loop', `${front}/loop`);
    expect(ready(obj)).toMatchObject({ status: 'False', reason: 'Failed' });
    expect(ready(obj)?.message).toBe(
      `failed to fetch Helm repository index: failed to cache index to temporary file: failed to fetch ${front}/loop/index.yaml : stopped after 10 redirects`,
    );
    expect(seen.filter((s) => s.server === 'front').length).toBeGreaterThanOrEqual(10);
    expect(JSON.stringify(obj.status)).not.toContain(PASSWORD);
  });
});
