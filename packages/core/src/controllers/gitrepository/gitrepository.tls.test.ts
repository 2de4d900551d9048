import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateTestPki,
  startGitServer,
  waitFor,
  type GitServer,
  type TestPki,
} from '../../testing/sandbox.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  startClusterFixture,
  ready,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';

type GitRepo = KubeObject & {
  status?: {
    artifact?: { revision: string };
    conditions?: { type: string; status: string; reason: string }[];
  };
};

let fx: ClusterFixture;
let pki: TestPki;
let pkiDir: string;
let https: GitServer;
let mtls: GitServer;
let basicTls: GitServer;
let tree: GitWorkTree;
let sha: string;

const ref = (name: string) => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'GitRepository',
  namespace: 'default',
  name,
});
const infoRefs = (url: string): string => `Get "${url}/info/refs?service=git-upload-pack"`;

async function secret(name: string, data: Record<string, string>): Promise<void> {
  const encoded = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, data: encoded },
    { fieldManager: 'test' },
  );
}

async function gitRepository(name: string, url: string, secretName?: string): Promise<GitRepo> {
  const spec = {
    url,
    interval: '10m',
    timeout: '20s',
    ref: { branch: 'main' },
    ...(secretName ? { secretRef: { name: secretName } } : {}),
  };
  await fx.resources.apply(
    { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', metadata: { name, namespace: 'default' }, spec },
    { fieldManager: 'test' },
  );
  return waitForObject<GitRepo>(
    fx.resources,
    ref(name),
    (o) => ready(o)?.status === 'True' || ready(o)?.status === 'False',
  );
}

beforeAll(async () => {
  fx = await startClusterFixture();
  pkiDir = mkdtempSync(join(tmpdir(), 'git-tls-pki-'));
  pki = await generateTestPki(pkiDir);
  // Both HTTPS servers serve the sandbox's repositories, which the test pushes over plain HTTP.
  const root = join(fx.sandbox.dir, 'git');
  https = await startGitServer({ root, tls: { cert: pki.server.cert, key: pki.server.key } });
  mtls = await startGitServer({
    root,
    tls: { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca.cert },
  });
  basicTls = await startGitServer({
    root,
    tls: { cert: pki.server.cert, key: pki.server.key },
    auth: { username: 'tls-user', password: 'tls-Pass-Word-3c9d' },
  });
  tree = new GitWorkTree(await fx.sandbox.createGitRepository('over-tls'));
  sha = await tree.commit({ 'app.yaml': 'tls: true\n' }, 'commit fetched over https');
});

afterAll(async () => {
  tree?.remove();
  await https?.stop();
  await mtls?.stop();
  await basicTls?.stop();
  await fx?.stop();
  rmSync(pkiDir, { recursive: true, force: true });
});

describe('GitRepository over HTTPS with a custom CA and client certificates', () => {
  it('fails with a clear TLS error when the CA is not trusted', async () => {
    const url = `${https.url}/over-tls.git`;
    const obj = await gitRepository('tls-noca', url);
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'GitOperationFailed',
      message: `failed to checkout and determine revision: unable to clone '${url}': ${infoRefs(url)}: tls: failed to verify certificate: server certificate verification failed`,
    });
  });

  it('clones once ca.crt from the Secret is trusted (and the legacy caFile key works too)', async () => {
    await secret('tls-ca', { 'ca.crt': pki.ca.cert });
    const obj = await gitRepository('tls-ca', `${https.url}/over-tls.git`, 'tls-ca');
    expect(ready(obj)).toMatchObject({
      status: 'True',
      reason: 'Succeeded',
      message: `stored artifact for revision 'main@sha1:${sha}'`,
    });
    await secret('tls-cafile', { caFile: pki.ca.cert });
    const legacy = await gitRepository('tls-cafile', `${https.url}/over-tls.git`, 'tls-cafile');
    expect(ready(legacy)).toMatchObject({ status: 'True' });
  });

  it('presents tls.crt/tls.key to a server that requires a client certificate', async () => {
    await secret('tls-mtls', {
      'ca.crt': pki.ca.cert,
      'tls.crt': pki.client.cert,
      'tls.key': pki.client.key,
    });
    const obj = await gitRepository('tls-mtls', `${mtls.url}/over-tls.git`, 'tls-mtls');
    expect(ready(obj)).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(obj.status?.artifact?.revision).toBe(`main@sha1:${sha}`);
  });

  it('combines basic auth with a custom CA', async () => {
    await secret('tls-basic', {
      username: 'tls-user',
      password: 'tls-Pass-Word-3c9d',
      'ca.crt': pki.ca.cert,
    });
    const obj = await gitRepository('tls-basic', `${basicTls.url}/over-tls.git`, 'tls-basic');
    expect(ready(obj)).toMatchObject({ status: 'True', reason: 'Succeeded' });
  });

  it('is refused by that server without a client certificate', async () => {
    const url = `${mtls.url}/over-tls.git`;
    const obj = await gitRepository('tls-noclient', url, 'tls-ca');
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'GitOperationFailed',
      message: `failed to checkout and determine revision: unable to clone '${url}': unable to access '${url}/': The requested URL returned error: 400`,
    });
  });

  it('keeps the client key out of status and events, and leaves no key files behind', async () => {
    const repos = await fx.resources.list(SOURCE_API_VERSION, 'GitRepository', { namespace: 'default' });
    const events = await fx.resources.list('v1', 'Event', { namespace: 'default' });
    const text = JSON.stringify({
      repos: repos.items.map((r) => (r as GitRepo).status),
      events: events.items,
    });
    expect(text).not.toContain(pki.client.key.split('\n')[1] ?? '');
    expect(text).not.toContain('tls-Pass-Word-3c9d');
    for (const r of repos.items) await fx.resources.delete(ref(r.metadata.name));
    await waitFor(
      async () =>
        (await fx.resources.list(SOURCE_API_VERSION, 'GitRepository', { namespace: 'default' })).items
          .length === 0,
      {
        timeoutMs: 30_000,
        what: 'every GitRepository to be deleted',
      },
    );
    expect(
      readdirSync(join(fx.sandbox.dir, 'engine', 'tmp')).filter((f) => f.startsWith('git-transport-')),
    ).toEqual([]);
  });
});
