import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitServer, type GitServer } from '../../testing/sandbox.js';
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

const USER = 'alice';
const PASSWORD = 'pa55-Very-Secret-9f3c';
const TOKEN = 'tok-Bearer-Secret-77e1';

type GitRepo = KubeObject & {
  status?: {
    artifact?: { revision: string };
    conditions?: { type: string; status: string; reason: string }[];
  };
};

let fx: ClusterFixture;
let authServer: GitServer;
let bearerProxy: Server;
let dir: string;
let basicUrl: string;
let bearerUrl: string;
let sha: string;
const trees: GitWorkTree[] = [];

const ref = (name: string) => ({
  apiVersion: SOURCE_API_VERSION,
  kind: 'GitRepository',
  namespace: 'default',
  name,
});

/** A front for the sandbox Git server that only lets `Authorization: Bearer <TOKEN>` through. */
async function startBearerProxy(upstream: string): Promise<Server> {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end('no\n');
      return;
    }
    const headers = { ...req.headers, host: target.host };
    delete headers.authorization;
    const up = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
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

async function gitRepository(name: string, url: string, secretName?: string): Promise<GitRepo> {
  const spec = {
    url,
    interval: '10m',
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
  dir = mkdtempSync(join(tmpdir(), 'git-auth-'));
  authServer = await startGitServer({ root: join(dir, 'git'), auth: { username: USER, password: PASSWORD } });
  basicUrl = await authServer.createRepository('private');
  const pushUrl = basicUrl.replace('http://', `http://${USER}:${PASSWORD}@`);
  const basicTree = new GitWorkTree(pushUrl);
  trees.push(basicTree);
  sha = await basicTree.commit({ 'app.yaml': 'private: true\n' }, 'private commit');
  const plainUrl = await fx.sandbox.createGitRepository('behind-bearer');
  const plainTree = new GitWorkTree(plainUrl);
  trees.push(plainTree);
  await plainTree.commit({ 'app.yaml': 'bearer: true\n' }, 'bearer commit');
  bearerProxy = await startBearerProxy(plainUrl);
  bearerUrl = `http://127.0.0.1:${(bearerProxy.address() as AddressInfo).port}${new URL(plainUrl).pathname}`;
});

afterAll(async () => {
  for (const t of trees) t.remove();
  bearerProxy?.close();
  await authServer?.stop();
  await fx?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('GitRepository secretRef', () => {
  it('clones with username/password from the Secret', async () => {
    await secret('basic', { username: USER, password: PASSWORD });
    const obj = await gitRepository('basic', basicUrl, 'basic');
    expect(ready(obj)).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(obj.status?.artifact?.revision).toBe(`main@sha1:${sha}`);
  });

  it('clones with a bearer token from the Secret', async () => {
    await secret('bearer', { bearerToken: TOKEN });
    const obj = await gitRepository('bearer', bearerUrl, 'bearer');
    expect(ready(obj)).toMatchObject({ status: 'True', reason: 'Succeeded' });
  });

  it('reports a missing Secret as AuthenticationFailed, in Flux words', async () => {
    const obj = await gitRepository('nosecret', basicUrl, 'absent');
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'AuthenticationFailed',
      message: `failed to get secret 'default/absent': failed to get secret 'default/absent': secrets "absent" not found`,
    });
    expect(obj.status?.conditions?.find((c) => c.type === 'FetchFailed')).toMatchObject({
      status: 'True',
      reason: 'AuthenticationFailed',
    });
  });

  it('refuses basic auth and a bearer token together', async () => {
    await secret('both', { username: USER, password: PASSWORD, bearerToken: TOKEN });
    const obj = await gitRepository('both', basicUrl, 'both');
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'AuthenticationFailed',
      message:
        'failed to configure authentication options: basic auth and bearer token cannot be set at the same time',
    });
  });

  it('reports wrong credentials as a failed clone, and no credentials as one too', async () => {
    await secret('wrong', { username: USER, password: `${PASSWORD}-wrong` });
    const wrong = await gitRepository('wrong', basicUrl, 'wrong');
    expect(ready(wrong)).toMatchObject({
      status: 'False',
      reason: 'GitOperationFailed',
      message: `failed to checkout and determine revision: unable to clone '${basicUrl}': authentication required`,
    });
    const anonymous = await gitRepository('anonymous', basicUrl);
    expect(ready(anonymous)).toMatchObject({ status: 'False', reason: 'GitOperationFailed' });
    expect(ready(anonymous)?.message).toContain('authentication required');
  });

  it('recovers once the Secret appears', async () => {
    await secret('absent', { username: USER, password: PASSWORD });
    await fx.resources.mergePatch(ref('nosecret'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'secret-created' } },
    });
    const obj = await waitForObject<GitRepo>(
      fx.resources,
      ref('nosecret'),
      (o) => ready(o)?.status === 'True',
    );
    expect(obj.status?.conditions?.some((c) => c.type === 'FetchFailed')).toBe(false);
  });

  it('never writes a credential into status, conditions or events', async () => {
    const forbidden = [
      PASSWORD,
      TOKEN,
      Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
      Buffer.from(`${USER}:${PASSWORD}-wrong`).toString('base64'),
    ];
    const repos = await fx.resources.list(SOURCE_API_VERSION, 'GitRepository', { namespace: 'default' });
    const events = await fx.resources.list('v1', 'Event', { namespace: 'default' });
    const text = JSON.stringify({
      repos: repos.items.map((r) => ({ spec: r.spec, status: (r as GitRepo).status })),
      events: events.items,
    });
    expect(events.items.length).toBeGreaterThan(3);
    for (const secretValue of forbidden) expect(text).not.toContain(secretValue);
  });
});
