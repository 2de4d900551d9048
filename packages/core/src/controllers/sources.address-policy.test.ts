import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../api/source-v1.js';
import type { KubeObject } from '../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../testing/cluster-fixture.js';
import { GitWorkTree } from '../testing/git-fixture.js';
import { applyOciRepository, ociRef, pushFluxArtifact } from '../testing/oci-fixture.js';

/**
 * The engine option `addressPolicy` reaches every source kind: an engine that refuses loopback
 * except 127.0.0.1 (where the sandbox's peers live) keeps working with them, and refuses the
 * same peers, or a redirect, on 127.0.0.2.
 */
let fx: ClusterFixture;
let repo: GitWorkTree;
const servers: Server[] = [];
const forbiddenHits: string[] = [];
let forbidden = '';
let redirector = '';
let charts = '';
const REFUSED = 'refusing to connect to 127.0.0.2, a loopback address (engine address policy)';

async function listen(host: string, handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

const apply = (kind: string, name: string, spec: Record<string, unknown>): Promise<KubeObject> =>
  fx.resources.apply(
    {
      apiVersion: SOURCE_API_VERSION,
      kind,
      metadata: { name, namespace: 'default' },
      spec: { interval: '10m', ...spec },
    },
    { fieldManager: 'test' },
  );
const settled = (kind: string, name: string, status: 'True' | 'False'): Promise<KubeObject> =>
  waitForObject(
    fx.resources,
    { apiVersion: SOURCE_API_VERSION, kind, namespace: 'default', name },
    (o) => ready(o)?.status === status,
  );
const onHost = (url: string, host: string): string => {
  const u = new URL(url);
  u.hostname = host;
  return u.toString().replace(/\/$/, '');
};

beforeAll(async () => {
  fx = await startClusterFixture({
    engine: { addressPolicy: { refuseInternal: true, allow: ['127.0.0.1'] } },
  });
  forbidden = await listen('127.0.0.2', (req, res) => {
    forbiddenHits.push(req.url ?? '');
    res.writeHead(404).end();
  });
  charts = await listen('127.0.0.1', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/yaml' }).end('apiVersion: v1\nentries: {}\n');
  });
  redirector = await listen('127.0.0.1', (req, res) => {
    res.writeHead(302, { location: `${forbidden}${req.url ?? ''}` }).end();
  });
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('policy'));
  await repo.commit({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' });
  await pushFluxArtifact(fx.sandbox.registryHost, 'apps/policy', 'v1', { 'cm.yaml': 'a: b\n' });
}, 600_000);

afterAll(async () => {
  for (const server of servers) server.close();
  repo?.remove();
  await fx?.stop();
});

describe('the engine address policy on source kinds', () => {
  it('HelmRepository: allowed host works, a redirect to a forbidden one is refused unvisited', async () => {
    await apply('HelmRepository', 'allowed', { url: charts });
    await apply('HelmRepository', 'redirected', { url: `${redirector}/charts` });
    await settled('HelmRepository', 'allowed', 'True');
    expect(ready(await settled('HelmRepository', 'redirected', 'False'))?.message).toContain(REFUSED);
    expect(forbiddenHits).toEqual([]);
  });

  it('GitRepository: an allowed name is pinned and works, a forbidden address is refused', async () => {
    await apply('GitRepository', 'allowed', {
      url: onHost(repo.remoteUrl, 'localhost'),
      ref: { branch: 'main' },
    });
    await apply('GitRepository', 'forbidden', {
      url: onHost(repo.remoteUrl, '127.0.0.2'),
      ref: { branch: 'main' },
    });
    await settled('GitRepository', 'allowed', 'True');
    expect(ready(await settled('GitRepository', 'forbidden', 'False'))?.message).toBe(
      `failed to checkout and determine revision: unable to clone '${onHost(repo.remoteUrl, '127.0.0.2')}': ${REFUSED}`,
    );
  });

  it('OCIRepository: an allowed registry works, a forbidden one is refused', async () => {
    const host = fx.sandbox.registryHost;
    await applyOciRepository(fx.resources, 'allowed', {
      url: `oci://${host}/apps/policy`,
      ref: { tag: 'v1' },
      insecure: true,
    });
    const other = host.replace(/^[^:]+/, '127.0.0.2');
    await applyOciRepository(fx.resources, 'forbidden', {
      url: `oci://${other}/apps/policy`,
      ref: { tag: 'v1' },
      insecure: true,
    });
    await waitForObject(fx.resources, ociRef('allowed'), (o) => ready(o)?.status === 'True');
    const refused = await waitForObject(
      fx.resources,
      ociRef('forbidden'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(refused)?.message).toContain(REFUSED);
  });
});
