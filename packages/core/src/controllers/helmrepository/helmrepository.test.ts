import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { publishCharts } from '../../testing/sandbox.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import { fetchHelmIndex } from '../../sources/helm-index.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';

const REPO_ROOT = resolve(import.meta.dirname, '../../../../..');
let fx: ClusterFixture;

type HelmRepo = KubeObject & {
  status?: { artifact?: { revision: string; url: string; path: string }; url?: string };
};
const ref = (name: string) => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'HelmRepository',
  namespace: 'default',
  name,
});

async function createHelmRepository(name: string, spec: Record<string, unknown>): Promise<void> {
  await fx.resources.apply(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'HelmRepository',
      metadata: { name, namespace: 'default' },
      spec: { interval: '10m', ...spec },
    },
    { fieldManager: 'test' },
  );
}

beforeAll(async () => {
  fx = await startClusterFixture();
  const charts = ['podinfo-6.2.1', 'podinfo-6.2.2'].map((c) =>
    join(REPO_ROOT, '..', 'shared', 'fixtures', 'charts', c),
  );
  await publishCharts({
    root: join(fx.sandbox.dir, 'charts'),
    chartDirs: charts,
    url: fx.sandbox.chartRepoUrl,
    helmBin: join(REPO_ROOT, '.tools', 'bin', 'helm'),
  });
});

afterAll(async () => {
  await fx?.stop();
});

describe('HelmRepository', () => {
  it('stores the index as an artifact whose revision is its digest', async () => {
    await createHelmRepository('podinfo', { url: fx.sandbox.chartRepoUrl });
    const obj = await waitForObject<HelmRepo>(
      fx.resources,
      ref('podinfo'),
      (o) => ready(o)?.status === 'True',
    );
    const revision = obj.status?.artifact?.revision ?? '';
    expect(revision).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ready(obj)).toMatchObject({
      reason: 'Succeeded',
      message: `stored artifact for revision '${revision}'`,
    });
    expect(obj.status?.artifact?.path).toBe(`helmrepository/default/podinfo/index-${revision.slice(7)}.yaml`);
    const index = await (await fetch(obj.status?.url ?? '')).text();
    expect(index).toContain('version: 6.2.2');
    const events = await fx.resources.list<KubeObject & { reason: string; message: string }>('v1', 'Event', {
      namespace: 'default',
    });
    const stored = events.items.find(
      (e) =>
        e.reason === 'NewArtifact' &&
        (e as { involvedObject?: { name?: string } }).involvedObject?.name === 'podinfo',
    );
    expect(stored?.message).toMatch(
      new RegExp(`^stored fetched index of size [0-9.]+kB from '${fx.sandbox.chartRepoUrl}/index.yaml'$`),
    );
  });

  it('marks OCI repositories Ready without an artifact', async () => {
    await createHelmRepository('oci', { url: 'oci://ghcr.io/stefanprodan/charts', type: 'oci' });
    const obj = await waitForObject<HelmRepo>(fx.resources, ref('oci'), (o) => ready(o)?.status === 'True');
    expect(ready(obj)?.message).toBe('Helm repository is Ready');
    expect(obj.status?.artifact).toBeUndefined();
  });

  it('reports an unreachable repository as Failed, as source-controller does', async () => {
    await createHelmRepository('unreachable', { url: 'http://127.0.0.1:9/charts', timeout: '5s' });
    const obj = await waitForObject<HelmRepo>(
      fx.resources,
      ref('unreachable'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('Failed');
    expect(ready(obj)?.message).toContain(
      'failed to fetch Helm repository index: failed to cache index to temporary file: ',
    );
  });

  it('reports a missing credentials Secret as AuthenticationFailed', async () => {
    await createHelmRepository('private', { url: fx.sandbox.chartRepoUrl, secretRef: { name: 'nope' } });
    const obj = await waitForObject<HelmRepo>(
      fx.resources,
      ref('private'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({
      reason: 'AuthenticationFailed',
      message: `failed to get authentication secret 'default/nope': secrets "nope" not found`,
    });
  });
});

describe('index fetch limits (against real HTTP servers)', () => {
  let huge: Server;
  let slow: Server;
  let hugeUrl = '';
  let slowUrl = '';

  beforeAll(async () => {
    huge = createServer((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const write = (): void => {
        while (sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 64 * 1024 * 1024) res.once('drain', write);
        else res.end();
      };
      write();
    });
    slow = createServer((_req, res) => {
      res.writeHead(200);
      res.write('apiVersion: v1\n'); // and never finishes
    });
    for (const [server, set] of [
      [huge, (u: string) => (hugeUrl = u)],
      [slow, (u: string) => (slowUrl = u)],
    ] as const) {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const address = server.address();
      set(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    }
  });

  afterAll(() => {
    huge.closeAllConnections();
    slow.closeAllConnections();
    huge.close();
    slow.close();
  });

  it('stops reading an index larger than the cap', async () => {
    await expect(fetchHelmIndex(hugeUrl, { timeoutMs: 30_000, maxBytes: 1024 * 1024 })).rejects.toThrow(
      /exceeds the maximum of 1048576 bytes/,
    );
  });

  it('gives up on a server that never finishes', async () => {
    const started = Date.now();
    await expect(fetchHelmIndex(slowUrl, { timeoutMs: 1000 })).rejects.toThrow(/timeout after 1000 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
