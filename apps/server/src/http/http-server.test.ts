import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, startTestServer, testServices, type TestServer } from '../testing/http-fixture.js';

const TOKEN = 'http-test-token-0123456789';
const services = testServices();
let server: TestServer;
let origin = '';

beforeAll(async () => {
  server = await startTestServer({ adminToken: TOKEN, services });
  origin = server.url;
});

afterAll(async () => {
  await server?.stop();
});

const suspendBody = JSON.stringify({ kind: 'Kustomization', namespace: 'flux-system', name: 'apps' });

describe('HTTP API', () => {
  it('refuses every procedure without a session or token', async () => {
    const res = await fetch(`${origin}/trpc/objects.list`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('Applied revision');
  });

  it('logs in with the admin token into an HttpOnly SameSite=Strict cookie, and serves queries', async () => {
    expect((await server.login('wrong')).status).toBe(401);
    const res = await server.login(TOKEN);
    expect(res.status).toBe(204);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tideline_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    const list = await fetch(`${origin}/trpc/objects.list`, { headers: { cookie: cookieOf(res) } });
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).toContain('Applied revision');
  });

  it('refuses mutations from another origin or not as JSON, even with a valid session', async () => {
    const cookie = cookieOf(await server.login(TOKEN));
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
    expect(services.suspended).toEqual([]);
    const ok = await fetch(`${origin}/trpc/actions.suspend`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/json' },
      body: suspendBody,
    });
    expect(ok.status).toBe(200);
    expect(services.suspended).toEqual([{ kind: 'Kustomization', namespace: 'flux-system', name: 'apps' }]);
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
    for (let i = 0; i < 12; i++) last = (await server.login(`bad-${i}`)).status;
    expect(last).toBe(429);
  });
});
