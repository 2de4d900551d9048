import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { restartEngine } from '../../testing/engine-restart.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { ksRef, kustomizationTestHelpers } from '../../testing/kustomization-fixture.js';

let fx: ClusterFixture;
let repo: GitWorkTree;
const { applySourceRepository, applyKs } = kustomizationTestHelpers(() => ({ fx, repo }));

/** A loopback HTTP server serving a ConfigMap, counting every request it gets. */
let server: Server;
let base = '';
const hits: string[] = [];

const remoteCm =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-remote\n  namespace: default\ndata:\n  a: b\n';
const localCm =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n  namespace: default\ndata:\n  a: b\n';
const REASON =
  'remote bases are disabled: all resources must refer to local files included in the source artifact';

async function failure(name: string): Promise<{ reason: string; message: string }> {
  const ks = await waitForObject<KubeObject>(fx.resources, ksRef(name), (o) => ready(o)?.status === 'False');
  return ready(ks) ?? { reason: '', message: '' };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/yaml' }).end(remoteCm);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-remote-bases'));
  await repo.commit({
    'http/kustomization.yaml': `resources:\n  - ${base}/cm.yaml\n`,
    'patch/kustomization.yaml': `resources: [cm.yaml]\npatches:\n  - path: ${base}/patch.yaml\n`,
    'patch/cm.yaml': localCm,
    'git/kustomization.yaml': 'resources:\n  - https://github.com/example/base//deploy?ref=v1.0.0\n',
    'nested/kustomization.yaml': 'resources: [../nested-base]\n',
    'nested-base/kustomization.yaml': 'resources:\n  - git@example.com:org/base.git\n',
  });
  await applySourceRepository();
  await waitForObject(
    fx.resources,
    { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', namespace: 'default', name: 'repo' },
    (o) => ready(o)?.status === 'True',
    120_000,
  );
}, 600_000);

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

describe('remote bases, refused by default (--no-remote-bases)', () => {
  it('refuses an HTTP resource on loopback before kustomize runs, and never calls it', async () => {
    await applyKs('http', { path: './http' });
    expect(await failure('http')).toMatchObject({
      reason: 'BuildFailed',
      message: `kustomize build failed: http/kustomization.yaml: resources entry '${base}/cm.yaml': ${REASON}`,
    });
    expect(hits).toEqual([]);
  });

  it('refuses remote patch files, git URLs and remote bases of nested kustomizations', async () => {
    await applyKs('patch', { path: './patch' });
    await applyKs('git', { path: './git' });
    await applyKs('nested', { path: './nested' });
    expect((await failure('patch')).message).toBe(
      `kustomize build failed: patch/kustomization.yaml: patches.path entry '${base}/patch.yaml': ${REASON}`,
    );
    expect((await failure('git')).message).toBe(
      `kustomize build failed: git/kustomization.yaml: resources entry 'https://github.com/example/base//deploy?ref=v1.0.0': ${REASON}`,
    );
    expect((await failure('nested')).message).toBe(
      `kustomize build failed: nested-base/kustomization.yaml: resources entry 'git@example.com:org/base.git': ${REASON}`,
    );
    expect(hits).toEqual([]);
    expect(
      await fx.resources.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'local' }),
    ).toBeUndefined();
  });
});

describe('remote bases allowed by the engine option', () => {
  it('lets kustomize fetch them', async () => {
    await restartEngine(fx, { allowRemoteBases: true });
    await applyKs('http-allowed', { path: './http' });
    await waitForObject(fx.resources, ksRef('http-allowed'), (o) => ready(o)?.status === 'True');
    expect(hits).toContain('/cm.yaml');
    const cm = await fx.resources.get({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'default',
      name: 'from-remote',
    });
    expect(cm).toBeDefined();
  });

  it('still refuses a loopback remote base under an address policy, without calling it', async () => {
    await restartEngine(fx, { allowRemoteBases: true }, { addressPolicy: { refuseInternal: true } });
    const before = hits.length;
    await applyKs('http-policy', { path: './http' });
    expect(await failure('http-policy')).toMatchObject({
      reason: 'BuildFailed',
      message: `kustomize build failed: http/kustomization.yaml: resources entry '${base}/cm.yaml': refusing to connect to 127.0.0.1, a loopback address (engine address policy)`,
    });
    expect(hits.length).toBe(before);
  });
});
