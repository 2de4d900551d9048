import type { ReceiverGateway, WebhookCall } from '@tideline/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startTestServer, testServices, type TestServer } from '../testing/http-fixture.js';
import { WebhookRateLimit } from './webhook-rate-limit.js';

// The engine seam: core's gateway is tested against the sandbox in core; here only the HTTP edge.
const calls: WebhookCall[] = [];
const gateway: ReceiverGateway = {
  handle: async (call) => {
    calls.push(call);
    return { status: call.path === '/hook/known' ? 200 : 404, annotated: 0 };
  },
};
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    adminToken: 'hook-test-token-0123456789',
    services: testServices(),
    receivers: gateway,
  });
});

afterAll(async () => {
  await server?.stop();
});

describe('/hook/ endpoint', () => {
  it('needs no login and passes path, headers and body to the gateway', async () => {
    const res = await fetch(`${server.url}/hook/known`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'X-GitHub-Event': 'push' },
    });
    expect(res.status).toBe(200);
    expect(calls.at(-1)).toMatchObject({ path: '/hook/known', headers: { 'x-github-event': 'push' } });
    expect(calls.at(-1)?.body.toString()).toBe('{"a":1}');
    expect((await fetch(`${server.url}/hook/unknown`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${server.url}/hook/known`)).status).toBe(405);
  });

  it('refuses a 10 MiB body without calling the gateway', async () => {
    const before = calls.length;
    const res = await fetch(`${server.url}/hook/big`, {
      method: 'POST',
      body: Buffer.alloc(10 * 1024 * 1024, 97),
    }).catch(() => undefined);
    if (res) expect(res.status).toBe(413);
    expect(calls.length).toBe(before);
  });

  it('rate-limits a flood on one path while the dashboard endpoints keep serving', async () => {
    const started = Date.now();
    const flood = await Promise.all(
      Array.from({ length: 60 }, () =>
        fetch(`${server.url}/hook/flood`, { method: 'POST', body: '{}' }).then((r) => r.status),
      ),
    );
    // The default bucket: a burst of 20, refilled at 10 per second while the flood lasts.
    const allowed = 20 + Math.ceil(((Date.now() - started) / 1000) * 10);
    const passed = flood.filter((s) => s !== 429); // answered by the gateway (404: no such receiver)
    expect(new Set(passed)).toEqual(new Set([404]));
    expect(passed.length).toBeLessThanOrEqual(allowed);
    expect(flood.length - passed.length).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/hook/known`, { method: 'POST', body: '{}' })).status).toBe(200);
  });

  it('answers Git hosts calling under a public host name, which pages refuse', async () => {
    const publicName = { host: 'tideline.example.com' };
    expect((await rawRequest(`${server.url}/hook/known`, 'POST', publicName)).status).toBe(200);
    expect((await rawRequest(`${server.url}/`, 'GET', publicName)).status).toBe(403);
  });

  it('refills each path bucket over time', () => {
    const limit = new WebhookRateLimit(10, 2);
    expect([limit.take('p', 0), limit.take('p', 0), limit.take('p', 0), limit.take('p', 100)]).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });
});
