import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cookieOf, openStream, startTestServer, type TestServer } from '../testing/http-fixture.js';

const TOKEN = 'sessions-test-token-0123456789';
const running: TestServer[] = [];

async function start(options: Partial<Parameters<typeof startTestServer>[0]> = {}): Promise<TestServer> {
  const server = await startTestServer({ adminToken: TOKEN, ...options });
  running.push(server);
  return server;
}

async function stop(server: TestServer): Promise<void> {
  running.splice(running.indexOf(server), 1);
  await server.stop();
}

afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

const list = (server: TestServer, cookie: string): Promise<number> =>
  fetch(`${server.url}/trpc/objects.list`, { headers: { cookie } }).then((r) => r.status);

const logout = (server: TestServer, headers: Record<string, string>, method = 'POST'): Promise<Response> =>
  fetch(`${server.url}/api/logout`, { method, headers, body: method === 'POST' ? '{}' : undefined });

describe('sessions', () => {
  it('logout revokes the session on the server: a copied cookie stops working', async () => {
    const server = await start();
    const cookie = cookieOf(await server.login(TOKEN));
    const copy = cookie;
    expect(await list(server, copy)).toBe(200);
    const res = await logout(server, { cookie, origin: server.url, 'content-type': 'application/json' });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^tideline_session=; .*Max-Age=0/);
    expect(await list(server, copy)).toBe(401);
  });

  it('audits sign-ins, wrong tokens and sign-outs, with where they came from and never the token', async () => {
    const server = await start();
    expect((await server.login('wrong-token-0123456789')).status).toBe(401);
    const cookie = cookieOf(await server.login(TOKEN));
    const json = { cookie, origin: server.url, 'content-type': 'application/json' };
    await logout(server, json);
    // A second logout with the same (ended) cookie ends nothing, and records nothing.
    await logout(server, json);
    const entries = server.audit.list(10).map(({ at: _at, ...rest }) => rest);
    expect(entries).toEqual([
      { who: 'admin', action: 'sign-out', objectId: '', outcome: 'ok', from: '127.0.0.1' },
      {
        who: 'admin',
        action: 'sign-in',
        objectId: '',
        outcome: 'ok',
        from: '127.0.0.1',
        detail: 'admin token',
      },
      {
        who: 'unknown',
        action: 'sign-in',
        objectId: '',
        outcome: 'failed',
        from: '127.0.0.1',
        detail: 'admin token',
        error: 'invalid token',
      },
    ]);
    const file = readFileSync(join(server.stateDir, 'audit.jsonl'), 'utf8');
    expect(file.split('\n').filter(Boolean)).toHaveLength(3);
    expect(file).not.toContain(TOKEN);
    expect(file).not.toContain('wrong-token');
  });

  it('logout accepts only same-origin JSON POSTs: a cross-site request leaves the session alive', async () => {
    const server = await start();
    const cookie = cookieOf(await server.login(TOKEN));
    const json = { cookie, 'content-type': 'application/json' };
    expect((await logout(server, { ...json, origin: 'http://evil.example' })).status).toBe(403);
    expect((await logout(server, { ...json })).status).toBe(403);
    expect(
      (
        await logout(server, {
          cookie,
          origin: server.url,
          'content-type': 'application/x-www-form-urlencoded',
        })
      ).status,
    ).toBe(403);
    expect((await logout(server, { ...json, origin: server.url }, 'GET')).status).toBe(405);
    expect(await list(server, cookie)).toBe(200);
  });

  it('sessions survive a restart with the same admin token, and a new admin token ends them all', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'sessions-restart-'));
    const first = await start({ stateDir });
    const cookie = cookieOf(await first.login(TOKEN));
    await stop(first);
    const same = await start({ stateDir });
    expect(same.auth.endedSessions).toBe(0);
    expect(await list(same, cookie)).toBe(200);
    await stop(same);
    const rotated = await start({ stateDir, adminToken: 'a-brand-new-admin-token-42' });
    expect(rotated.auth.endedSessions).toBe(1);
    expect(await list(rotated, cookie)).toBe(401);
  });

  it('an open stream ends with UNAUTHORIZED when its session is revoked', async () => {
    const server = await start();
    const cookie = cookieOf(await server.login(TOKEN));
    const stream = await openStream(server, cookie);
    const started = performance.now();
    await logout(server, { cookie, origin: server.url, 'content-type': 'application/json' });
    const tail = await stream.rest();
    expect(tail).toContain('"code":"UNAUTHORIZED"');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('an open stream ends with UNAUTHORIZED when its session expires', async () => {
    const server = await start({ sessionTtlMs: 1500 });
    const cookie = cookieOf(await server.login(TOKEN));
    const stream = await openStream(server, cookie);
    const started = performance.now();
    const tail = await stream.rest();
    expect(tail).toContain('"code":"UNAUTHORIZED"');
    expect(performance.now() - started).toBeLessThan(6000);
    expect(await list(server, cookie)).toBe(401);
  });

  it('an idle session ends, and its open stream with it; a session in use does not', async () => {
    const server = await start({ sessionIdleMs: 1200 });
    const idle = cookieOf(await server.login(TOKEN));
    const busy = cookieOf(await server.login(TOKEN));
    const stream = await openStream(server, idle);
    const started = performance.now();
    // Uses the busy session every 300 ms until the idle one has ended (awaited: nothing in flight after).
    let done = false;
    const keepBusy = (async () => {
      while (!done) {
        await list(server, busy);
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    try {
      const tail = await stream.rest();
      expect(tail).toContain('"code":"UNAUTHORIZED"');
      expect(performance.now() - started).toBeLessThan(6000);
      expect(await list(server, idle)).toBe(401);
      expect(await list(server, busy)).toBe(200);
    } finally {
      done = true;
      await keepBusy;
    }
  });

  it('drops a forged session cookie and counts it as a failure', async () => {
    const server = await start({ credentialLimits: { perKey: 2, globalBudget: 100, windowMs: 60_000 } });
    const forged = 'tideline_session=AAAA.BBBB';
    const first = await fetch(`${server.url}/trpc/objects.list`, { headers: { cookie: forged } });
    expect(first.status).toBe(401);
    expect(first.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const second = await fetch(`${server.url}/trpc/objects.list`, { headers: { cookie: forged } });
    expect(second.status).toBe(429);
    // A valid session from the same address still passes: valid credentials are never throttled.
    expect(await list(server, cookieOf(await server.login(TOKEN)))).toBe(200);
  });

  it('keeps a live session cookie when a wrong bearer token on the same request is what failed', async () => {
    const server = await start();
    const cookie = cookieOf(await server.login(TOKEN));
    const res = await fetch(`${server.url}/trpc/objects.list`, {
      headers: { cookie, authorization: 'Bearer tl_000000000000000000_revoked' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await list(server, cookie)).toBe(200);
  });
});

describe('login throttle', () => {
  it('survives a restart: a throttled client stays refused, even with the right token', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'throttle-restart-'));
    const first = await start({ stateDir });
    for (let i = 0; i < 10; i++) expect((await first.login(`wrong-${i}`)).status).toBe(401);
    expect((await first.login(TOKEN)).status).toBe(429);
    await stop(first);
    const second = await start({ stateDir });
    const res = await second.login(TOKEN);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('a flood of other clients neither evicts a throttled client nor lets fresh ones guess on', async () => {
    let now = 1_000_000;
    const W = 60_000;
    const server = await start({
      trustedProxies: ['127.0.0.1'],
      loginLimits: { perKey: 3, globalBudget: 20, windowMs: W },
      now: () => now,
    });
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    await server.login('wrong', from('198.51.100.1'));
    now += W - 1000;
    for (let i = 0; i < 3; i++) await server.login('wrong', from('203.0.113.7'));
    expect((await server.login(TOKEN, from('203.0.113.7'))).status).toBe(429);
    const flood: number[] = [];
    for (let i = 0; i < 300; i++)
      flood.push((await server.login('wrong', from(`10.1.${i >> 8}.${i & 255}`))).status);
    expect(flood.filter((s) => s === 429).length).toBeGreaterThan(250);
    now += 2000; // the global window (opened by the first failure) is over; the victim's is not
    expect((await server.login(TOKEN, from('203.0.113.7'))).status).toBe(429);
    expect((await server.login(TOKEN, from('192.0.2.55'))).status).toBe(204);
  });
});
