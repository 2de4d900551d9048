import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FluxObjectSummary } from '../api/dto.js';
import { loadAdminToken } from '../auth/admin-token.js';
import { Sessions } from '../auth/sessions.js';
import { ChangeFeed } from '../cache/change-feed.js';
import type { ObjectKey, Services } from '../services/types.js';
import { startHttpServer, type RunningHttpServer } from './http-server.js';

const TOKEN = 'http-test-token-0123456789';
const summary: FluxObjectSummary = {
  id: 'Kustomization/flux-system/apps',
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'apps',
  ready: 'True',
  readyReason: 'ReconciliationSucceeded',
  readyMessage: 'Applied revision: main@sha1:abc',
  state: 'ready',
  revision: 'main@sha1:abc',
  suspended: false,
  generation: 1,
  observedGeneration: 1,
  resourceVersion: '1',
};

// The service seam: a small in-memory implementation, so these tests exercise HTTP, auth and tRPC only.
const suspended: ObjectKey[] = [];
const feed = new ChangeFeed(100, 't');
const services: Services = {
  objects: { list: () => [summary], get: () => undefined },
  graph: { get: () => ({ nodes: [], edges: [], mermaid: 'flowchart LR\n' }) },
  actions: {
    suspend: async (key) => void suspended.push(key),
    resume: async () => undefined,
    reconcile: async () => '2026-01-01T00:00:00.000Z',
  },
  stream: {
    subscribe: (last, signal) => feed.subscribe(last, signal, () => [{ type: 'object', object: summary }]),
  },
};

let server: RunningHttpServer;
let origin = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'http-test-'));
  server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    services,
    token: loadAdminToken(dir, TOKEN),
    sessions: new Sessions(dir),
  });
  origin = server.url;
});

afterAll(async () => {
  await server?.stop();
});

async function login(token: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${origin}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    body: JSON.stringify({ token }),
  });
}

const suspendBody = JSON.stringify({ kind: 'Kustomization', namespace: 'flux-system', name: 'apps' });

describe('HTTP API', () => {
  it('refuses every procedure without a session or token', async () => {
    const res = await fetch(`${origin}/trpc/objects.list`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('Applied revision');
  });

  it('logs in with the admin token into an HttpOnly SameSite=Strict cookie, and serves queries', async () => {
    expect((await login('wrong')).status).toBe(401);
    const res = await login(TOKEN);
    expect(res.status).toBe(204);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tideline_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    const list = await fetch(`${origin}/trpc/objects.list`, {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).toContain('Applied revision');
  });

  it('refuses mutations from another origin or not as JSON, even with a valid session', async () => {
    const cookie = ((await login(TOKEN)).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const crossSite = await fetch(`${origin}/trpc/actions.suspend`, {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: suspendBody,
    });
    expect(crossSite.status).toBe(403);
    const form = await fetch(`${origin}/trpc/actions.suspend`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: suspendBody,
    });
    expect(form.status).not.toBe(200);
    expect(suspended).toEqual([]);
    const ok = await fetch(`${origin}/trpc/actions.suspend`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/json' },
      body: suspendBody,
    });
    expect(ok.status).toBe(200);
    expect(suspended).toEqual([{ kind: 'Kustomization', namespace: 'flux-system', name: 'apps' }]);
  });

  it('accepts the admin token as a bearer token (no cookies, so no CSRF rule)', async () => {
    const res = await fetch(`${origin}/trpc/graph.get`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(
      (await fetch(`${origin}/trpc/graph.get`, { headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(401);
  });

  it('rejects invalid object names before they reach a service', async () => {
    const res = await fetch(`${origin}/trpc/actions.suspend`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'Kustomization', namespace: '../etc', name: 'x' }),
    });
    expect(res.status).toBe(400);
  });

  it('streams the snapshot over SSE with resumable ids', async () => {
    const abort = new AbortController();
    const res = await fetch(`${origin}/trpc/events.stream?input=${encodeURIComponent('{}')}`, {
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body?.getReader();
    let text = '';
    while (reader && !text.includes('Applied revision'))
      text += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    expect(text).toMatch(/^id: t-0$/m);
  });

  it('throttles repeated failed logins', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await login(`bad-${i}`)).status;
    expect(last).toBe(429);
  });
});
