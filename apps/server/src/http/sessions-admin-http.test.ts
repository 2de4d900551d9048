import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDto } from '../api/dto.js';
import { AccessPolicy } from '../auth/access-policy.js';
import { cookieOf, openStream, startTestServer, type TestServer } from '../testing/http-fixture.js';

const TOKEN = 'admin-token-sessions-0123456789';
let server: TestServer;
let admin: string;

const req = { headers: {}, socket: { remoteAddress: '127.0.0.1' } } as never;

/** Opens a session for a signed-in (OIDC) identity, as the provider's callback does. */
const signIn = (user: string, groups: string[] = []): string =>
  server.auth.authenticator.openSession(req, { user, groups }).split(';')[0] ?? '';

async function call(
  path: string,
  cookie: string,
  input?: unknown,
): Promise<{ status: number; data: unknown }> {
  const mutation = input !== undefined;
  const res = await fetch(`${server.url}/trpc/${path}`, {
    method: mutation ? 'POST' : 'GET',
    headers: { cookie, ...(mutation ? { 'content-type': 'application/json', origin: server.url } : {}) },
    body: mutation ? JSON.stringify(input) : undefined,
  });
  const body = (await res.json()) as { result?: { data: unknown }; error?: { message: string } };
  return { status: res.status, data: body.result?.data ?? body.error?.message };
}

const list = async (cookie: string): Promise<SessionDto[]> =>
  (await call('sessions.list', cookie)).data as SessionDto[];

beforeAll(async () => {
  const policy = AccessPolicy.fixed([{ role: 'viewer', users: ['bob', 'carol'] }]);
  server = await startTestServer({ adminToken: TOKEN, policy });
  admin = cookieOf(await server.login(TOKEN));
});

afterAll(async () => server?.stop());

describe('sessions over the API', () => {
  it("an admin sees every session and ends another's: its next request is 401, its stream closes", async () => {
    const bob = signIn('bob', ['dev']);
    const stream = await openStream(server, bob);
    const all = await list(admin);
    const mine = all.find((s) => s.current);
    expect(mine).toMatchObject({ user: null, groups: [] });
    const bobs = all.find((s) => s.user === 'bob');
    expect(bobs).toMatchObject({ groups: ['dev'], current: false });
    expect(bobs?.handle).toMatch(/^[0-9a-f]{64}$/);
    // The handle is not the cookie's id: neither part of bob's cookie appears in the list.
    const [bobId = '', bobSig = ''] = bob.split('=')[1]?.split('.') ?? [];
    expect(JSON.stringify(all)).not.toContain(bobId);
    expect(JSON.stringify(all)).not.toContain(bobSig);
    const started = performance.now();
    expect((await call('sessions.revoke', admin, { handle: bobs?.handle })).status).toBe(200);
    expect(await stream.rest()).toContain('"code":"UNAUTHORIZED"');
    expect(performance.now() - started).toBeLessThan(5000);
    expect((await call('objects.list', bob)).status).toBe(401);
    expect((await call('objects.list', admin)).status).toBe(200);
    expect((await list(admin)).some((s) => s.user === 'bob')).toBe(false);
    const [entry] = server.audit.list(1);
    expect(entry).toMatchObject({ who: 'admin', action: 'session-revoke', outcome: 'ok', from: '127.0.0.1' });
    expect(entry?.detail).toMatch(/^session of bob \(signed in \d{4}-/);
    expect(JSON.stringify(entry)).not.toContain(bobs?.handle ?? 'x');
    expect(JSON.stringify(entry)).not.toContain(bobId);
  });

  it("anyone else sees and ends only their own identity's sessions: another's is NOT_FOUND", async () => {
    const carol = signIn('carol');
    const carolLaptop = signIn('carol');
    const bob = signIn('bob');
    const carols = await list(carol);
    expect(carols.map((s) => [s.user, s.current])).toEqual([
      ['carol', true],
      ['carol', false],
    ]);
    const bobHandle = (await list(admin)).find((s) => s.user === 'bob')?.handle;
    const adminHandle = (await list(admin)).find((s) => s.current)?.handle;
    const before = server.audit.list(100).length;
    expect((await call('sessions.revoke', carol, { handle: bobHandle })).status).toBe(404);
    expect((await call('sessions.revoke', carol, { handle: adminHandle })).status).toBe(404);
    expect((await call('sessions.revoke', carol, { handle: 'not-a-handle' })).status).toBe(400);
    expect((await call('objects.list', bob)).status).toBe(200);
    expect(server.audit.list(100)).toHaveLength(before);
    // Carol ends her other browser's session, and keeps this one.
    expect((await call('sessions.revoke', carol, { handle: carols[1]?.handle })).status).toBe(200);
    expect((await call('objects.list', carolLaptop)).status).toBe(401);
    expect((await list(carol)).map((s) => s.current)).toEqual([true]);
  });

  it('a bearer caller (no session) lists none as current; an API token of a non-admin sees only its owner', async () => {
    const dave = await call('sessions.list', '');
    expect(dave.status).toBe(401);
    const carol = signIn('carol');
    const made = await call('tokens.create', carol, { name: 'cli', role: 'viewer' });
    const { token } = made.data as { token: string };
    const res = await fetch(`${server.url}/trpc/sessions.list`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { result } = (await res.json()) as { result: { data: SessionDto[] } };
    expect(result.data.length).toBeGreaterThan(0);
    expect(result.data.every((s) => s.user === 'carol' && !s.current)).toBe(true);
  });
});
