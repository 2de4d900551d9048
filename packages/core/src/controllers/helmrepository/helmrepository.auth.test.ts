import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestPki, type TestPki } from '../../testing/sandbox.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';

type HelmRepo = KubeObject & { status?: { artifact?: { revision: string } } };

const USER = 'helm-user';
const PASSWORD = 'helm-Pass-Secret-5d1c';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const INDEX =
  'apiVersion: v1\nentries:\n  demo:\n    - name: demo\n      version: 1.0.0\n      urls: [demo-1.0.0.tgz]\n';

let fx: ClusterFixture;
let pki: TestPki;
let pkiDir: string;
/** The repository host: requires basic auth, then redirects the index to the mirror. */
let origin: Server;
/** Another host:port that serves the index and records the Authorization headers it receives. */
let mirror: Server;
let mtls: Server;
const mirrorSaw: (string | undefined)[] = [];

const urlOf = (server: Server, scheme = 'http'): string =>
  `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
const ref = (name: string) => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'HelmRepository',
  namespace: 'default',
  name,
});

async function listen(server: Server): Promise<void> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}

async function secret(name: string, data: Record<string, string>): Promise<void> {
  const encoded = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, data: encoded },
    { fieldManager: 'test' },
  );
}

async function helmRepository(name: string, spec: Record<string, unknown>): Promise<HelmRepo> {
  await fx.resources.apply(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'HelmRepository',
      metadata: { name, namespace: 'default' },
      spec: { interval: '10m', timeout: '20s', ...spec },
    },
    { fieldManager: 'test' },
  );
  return waitForObject<HelmRepo>(
    fx.resources,
    ref(name),
    (o) => ready(o)?.status === 'True' || ready(o)?.status === 'False',
  );
}

const serveIndex = (_req: IncomingMessage, res: ServerResponse): void => {
  res.writeHead(200, { 'content-type': 'text/yaml' }).end(INDEX);
};

beforeAll(async () => {
  fx = await startClusterFixture();
  pkiDir = mkdtempSync(join(tmpdir(), 'helm-pki-'));
  pki = await generateTestPki(pkiDir);
  mirror = createServer((req, res) => {
    mirrorSaw.push(req.headers.authorization);
    serveIndex(req, res);
  });
  await listen(mirror);
  origin = createServer((req, res) => {
    if (req.headers.authorization !== BASIC) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="charts"' }).end();
      return;
    }
    res.writeHead(302, { location: `${urlOf(mirror)}/index.yaml` }).end();
  });
  await listen(origin);
  // Like nginx's `ssl_verify_client on`: the handshake completes and a client without a valid
  // certificate gets a 400 (a handshake-time refusal reaches the client as an alert or a reset, at random).
  mtls = createHttpsServer(
    {
      cert: pki.server.cert,
      key: pki.server.key,
      ca: pki.ca.cert,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      if (!(req.socket as TLSSocket).authorized)
        res.writeHead(400, { connection: 'close' }).end('no valid client certificate\n');
      else serveIndex(req, res);
    },
  );
  await listen(mtls);
});

afterAll(async () => {
  for (const server of [origin, mirror, mtls]) {
    server?.closeAllConnections();
    server?.close();
  }
  await fx?.stop();
  rmSync(pkiDir, { recursive: true, force: true });
});

describe('HelmRepository credentials and passCredentials', () => {
  it('sends credentials to the repository host but not to another host it redirects to', async () => {
    await secret('helm-basic', { username: USER, password: PASSWORD });
    mirrorSaw.length = 0;
    const obj = await helmRepository('no-pass', { url: urlOf(origin), secretRef: { name: 'helm-basic' } });
    expect(ready(obj)).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(mirrorSaw.length).toBeGreaterThan(0);
    expect(mirrorSaw.every((h) => h === undefined)).toBe(true);
  });

  it('passes them on to the other host only with passCredentials: true', async () => {
    mirrorSaw.length = 0;
    const obj = await helmRepository('pass', {
      url: urlOf(origin),
      secretRef: { name: 'helm-basic' },
      passCredentials: true,
    });
    expect(ready(obj)).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(mirrorSaw).toContain(BASIC);
  });
});

describe('HelmRepository certSecretRef', () => {
  it('presents the client certificate and trusts ca.crt', async () => {
    await secret('helm-mtls', {
      'ca.crt': pki.ca.cert,
      'tls.crt': pki.client.cert,
      'tls.key': pki.client.key,
    });
    const obj = await helmRepository('mtls', {
      url: urlOf(mtls, 'https'),
      certSecretRef: { name: 'helm-mtls' },
    });
    expect(ready(obj)).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(obj.status?.artifact?.revision).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('fails the fetch without a client certificate', async () => {
    await secret('helm-ca-only', { 'ca.crt': pki.ca.cert });
    const obj = await helmRepository('ca-only', {
      url: urlOf(mtls, 'https'),
      certSecretRef: { name: 'helm-ca-only' },
    });
    expect(ready(obj)).toMatchObject({
      status: 'False',
      message: `failed to fetch Helm repository index: failed to cache index to temporary file: failed to fetch ${urlOf(mtls, 'https')}/index.yaml : 400 Bad Request`,
    });
  });

  it('refuses half a key pair and a missing Secret as AuthenticationFailed, in Flux words', async () => {
    await secret('helm-half', { 'tls.crt': pki.client.cert });
    const half = await helmRepository('half', {
      url: urlOf(mtls, 'https'),
      certSecretRef: { name: 'helm-half' },
    });
    expect(ready(half)).toMatchObject({
      status: 'False',
      reason: 'AuthenticationFailed',
      message:
        "failed to construct Helm client's TLS config: secret 'default/helm-half' contains 'tls.crt' but missing 'tls.key'",
    });
    const missing = await helmRepository('missing', {
      url: urlOf(mtls, 'https'),
      certSecretRef: { name: 'absent' },
    });
    expect(ready(missing)).toMatchObject({
      status: 'False',
      reason: 'AuthenticationFailed',
      message: `failed to get TLS authentication secret 'default/absent': secrets "absent" not found`,
    });
  });

  it('never writes the password or the client key into status or events', async () => {
    const repos = await fx.resources.list(SOURCE_API_VERSION, 'HelmRepository', { namespace: 'default' });
    const events = await fx.resources.list('v1', 'Event', { namespace: 'default' });
    const text = JSON.stringify({
      repos: repos.items.map((r) => (r as HelmRepo).status),
      events: events.items,
    });
    for (const value of [PASSWORD, BASIC.slice(6), pki.client.key.split('\n')[1] ?? ''])
      expect(text).not.toContain(value);
  });
});
