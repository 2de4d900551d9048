import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, startTestServer, testServices, type TestServer } from '../testing/http-fixture.js';

const TOKEN = 'hardening-test-token-0123456789';
let server: TestServer;
let port = '';

beforeAll(async () => {
  const base = testServices();
  const services = testServices({
    objects: {
      ...base.objects,
      list: () => {
        throw new Error('boom: the cache is gone');
      },
    },
  });
  server = await startTestServer({
    adminToken: TOKEN,
    services,
    allowedHosts: ['tideline.internal', '.example.com'],
  });
  port = new URL(server.url).port;
});

afterAll(async () => {
  await server?.stop();
});

describe('API errors', () => {
  it('never carry a stack trace, whatever NODE_ENV says', async () => {
    expect(process.env.NODE_ENV).not.toBe('production');
    const res = await fetch(`${server.url}/trpc/objects.list`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain('boom: the cache is gone');
    expect(body).not.toContain('"stack"');
    expect(body).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});

describe('Host allowlist (DNS rebinding)', () => {
  it.each([
    ['evil.example', 403],
    ['127.0.0.1.nip.io', 403],
    ['tideline.internal.evil.example', 403],
    ['10.0.0.1', 403],
    ['127.0.0.1', 200],
    ['localhost', 200],
    ['[::1]', 200],
    ['tideline.internal', 200],
    ['dash.example.com', 200],
  ])('Host: %s → %s', async (host, status) => {
    const res = await rawGet(`${server.url}/trpc/graph.get`, {
      host: `${host}:${port}`,
      authorization: `Bearer ${TOKEN}`,
    });
    expect(res.status).toBe(status);
    if (status === 403) expect(res.body).toContain('--allowed-host');
  });

  it('guards login too, and a request without Host is refused (by Node, 400)', async () => {
    expect((await rawGet(`${server.url}/api/login`, { host: `evil.example:${port}` })).status).toBe(403);
    expect((await rawGet(`${server.url}/trpc/graph.get`, { host: '' })).status).toBe(400);
  });

  it('answers /healthz whatever the Host (probes use addresses we cannot list)', async () => {
    expect((await rawGet(`${server.url}/healthz`, { host: 'kubelet-probe:9' })).status).toBe(200);
  });
});
