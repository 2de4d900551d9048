import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../testing/sandbox.js';
import { KubeClient } from './client.js';
import { KubeApiError } from './errors.js';
import type { KubeObject } from './objects.js';
import { Resources } from './resources.js';

/**
 * Credentials that lapse, against the sandbox's kube-apiserver: a real exec plugin (a small
 * Node script handing out ServiceAccount tokens from a list, counting its runs) and a token
 * file. Tokens are revoked for real by deleting their token Secrets.
 */
let sandbox: Sandbox;
let admin: Resources;
let scratch = '';
let server = '';
let caFile = '';

const PLUGIN = `'use strict';
const fs = require('node:fs');
const [state] = process.argv.slice(2);
const s = JSON.parse(fs.readFileSync(state, 'utf8'));
const token = s.tokens[Math.min(s.calls, s.tokens.length - 1)];
s.calls += 1;
s.info = JSON.parse(process.env.KUBERNETES_EXEC_INFO || 'null');
s.mark = process.env.PLUGIN_MARK;
fs.writeFileSync(state, JSON.stringify(s));
if (s.fail) { process.stderr.write('leaked-looking-token-abc123\\n'); process.exit(3); }
const status = { token };
if (s.ttlMs) status.expirationTimestamp = new Date(Date.now() + s.ttlMs).toISOString();
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status }));
`;

interface PluginState {
  tokens: string[];
  calls: number;
  ttlMs?: number;
  fail?: boolean;
  info?: { spec?: { interactive?: boolean; cluster?: { server?: string } } };
  mark?: string;
}

const readState = (path: string): PluginState => JSON.parse(readFileSync(path, 'utf8')) as PluginState;

/** A kubeconfig for the sandbox whose user is `user`. */
function kubeconfig(name: string, user: Record<string, unknown>): string {
  const path = join(scratch, `${name}.kubeconfig`);
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'sandbox', cluster: { server, 'certificate-authority': caFile } }],
      users: [{ name: 'u', user }],
      contexts: [{ name: 'c', context: { cluster: 'sandbox', user: 'u' } }],
      'current-context': 'c',
    }),
  );
  return path;
}

/** An exec-plugin kubeconfig whose plugin hands out `tokens` in turn. */
function execKubeconfig(name: string, state: Omit<PluginState, 'calls'>): { path: string; state: string } {
  const statePath = join(scratch, `${name}.state.json`);
  writeFileSync(statePath, JSON.stringify({ ...state, calls: 0 }));
  const path = kubeconfig(name, {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: process.execPath,
      args: [join(scratch, 'plugin.cjs'), statePath],
      env: [{ name: 'PLUGIN_MARK', value: name }],
      provideClusterInfo: true,
      interactiveMode: 'IfAvailable',
    },
  });
  return { path, state: statePath };
}

/** A fresh token of ServiceAccount `reader` (a legacy token Secret; deleting it revokes the token). */
async function mintToken(name: string): Promise<string> {
  await admin.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'kubernetes.io/service-account.name': 'reader' },
      },
    } as KubeObject,
    { fieldManager: 'test' },
  );
  for (let i = 0; i < 100; i++) {
    const secret = await admin.get<KubeObject & { data?: { token?: string } }>({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'default',
      name,
    });
    if (secret?.data?.token) return Buffer.from(secret.data.token, 'base64').toString('utf8');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no token in Secret ${name}`);
}

/** Deletes a token's Secret and waits until the API server refuses the token. */
async function revoke(name: string, token: string): Promise<void> {
  await admin.delete({ apiVersion: 'v1', kind: 'Secret', namespace: 'default', name });
  const probe = KubeClient.fromConnection({ server, caData: readFileSync(caFile), token });
  for (let i = 0; i < 150; i++) {
    const status = await probe
      .request({ method: 'GET', path: '/api/v1/namespaces/default' })
      .then(() => 200)
      .catch((e: unknown) => (e instanceof KubeApiError ? e.statusCode : 0));
    if (status === 401) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`token of ${name} still accepted`);
}

const getDefault = (client: KubeClient): Promise<{ metadata: { name: string } }> =>
  client.request({ method: 'GET', path: '/api/v1/namespaces/default' });

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'tideline-credrefresh-'));
  sandbox = await startSandbox({ dir: join(scratch, 'sandbox') });
  const local = parse(readFileSync(sandbox.kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority': string } }[];
  };
  server = local.clusters[0]?.cluster.server ?? '';
  caFile = local.clusters[0]?.cluster['certificate-authority'] ?? '';
  writeFileSync(join(scratch, 'plugin.cjs'), PLUGIN);
  admin = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  await admin.apply(
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader', namespace: 'default' } },
    { fieldManager: 'test' },
  );
  await admin.apply(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'reader-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: 'default' }],
    } as KubeObject,
    { fieldManager: 'test' },
  );
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('exec credential plugins (the engine kubeconfig)', () => {
  it('runs the plugin once for concurrent requests, with KUBERNETES_EXEC_INFO and its env', async () => {
    const token = await mintToken('tok-once');
    const { path, state } = execKubeconfig('once', { tokens: [token] });
    const client = await KubeClient.fromKubeconfig(path);
    const answers = await Promise.all(Array.from({ length: 8 }, () => getDefault(client)));
    expect(answers.map((a) => a.metadata.name)).toEqual(Array<string>(8).fill('default'));
    const seen = readState(state);
    expect(seen.calls).toBe(1);
    expect(seen.mark).toBe('once');
    expect(seen.info?.spec).toMatchObject({ interactive: false, cluster: { server } });
  });

  it('runs it again before expirationTimestamp, and keeps working past the first token', async () => {
    const first = await mintToken('tok-exp-1');
    const second = await mintToken('tok-exp-2');
    const { path, state } = execKubeconfig('expiring', { tokens: [first, second], ttlMs: 3000 });
    const client = await KubeClient.fromKubeconfig(path);
    await getDefault(client);
    await getDefault(client);
    expect(readState(state).calls).toBe(1);
    // The first token is still good at the server: only its expiry makes the plugin run again.
    await new Promise((r) => setTimeout(r, 3000));
    await getDefault(client);
    expect(readState(state).calls).toBe(2);
    await revoke('tok-exp-1', first);
    expect((await getDefault(client)).metadata.name).toBe('default');
  }, 60_000);

  it('runs it again after a 401 and retries the request once', async () => {
    const good = await mintToken('tok-401');
    const { path, state } = execKubeconfig('revoked', { tokens: ['not-a-valid-token', good] });
    const client = await KubeClient.fromKubeconfig(path);
    expect((await getDefault(client)).metadata.name).toBe('default');
    expect(readState(state).calls).toBe(2);
    expect((await getDefault(client)).metadata.name).toBe('default');
    expect(readState(state).calls).toBe(2);
  });

  it('reports a failing plugin by executable and exit code, never its output', async () => {
    const { path } = execKubeconfig('failing', { tokens: ['x'], fail: true });
    const client = await KubeClient.fromKubeconfig(path);
    const error = await getDefault(client).catch((e: unknown) => e as Error);
    expect((error as Error).message).toBe(`exec: executable ${process.execPath} failed with exit code 3`);
  });
});

describe('token files', () => {
  it('re-reads a rotated token file after a 401', async () => {
    const first = await mintToken('tok-file-1');
    const tokenPath = join(scratch, 'token');
    writeFileSync(tokenPath, `${first}\n`);
    const client = await KubeClient.fromKubeconfig(kubeconfig('file', { tokenFile: 'token' }));
    expect((await getDefault(client)).metadata.name).toBe('default');
    const second = await mintToken('tok-file-2');
    writeFileSync(tokenPath, second);
    await revoke('tok-file-1', first);
    expect((await getDefault(client)).metadata.name).toBe('default');
  }, 60_000);
});
