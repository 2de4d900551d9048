import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessPolicy } from '../auth/access-policy.js';
import { startTestServer, type TestServer } from '../testing/http-fixture.js';

const TOKEN = 'admin-token-0123456789abcdef';
let server: TestServer;
let admin: string;
let bob: string;

const req = { headers: {}, socket: { remoteAddress: '127.0.0.1' } } as never;

async function call(
  path: string,
  auth: Record<string, string>,
  input?: unknown,
): Promise<{ status: number; data: unknown }> {
  const mutation = input !== undefined;
  const res = await fetch(`${server.url}/trpc/${path}`, {
    method: mutation ? 'POST' : 'GET',
    headers: { ...auth, ...(mutation ? { 'content-type': 'application/json', origin: server.url } : {}) },
    body: mutation ? JSON.stringify(input) : undefined,
  });
  const body = (await res.json()) as { result?: { data: unknown }; error?: { message: string } };
  return { status: res.status, data: body.result?.data ?? body.error?.message };
}

beforeAll(async () => {
  const policy = AccessPolicy.fixed([{ role: 'operator', users: ['bob'], namespaces: ['team-a'] }]);
  server = await startTestServer({ adminToken: TOKEN, policy });
  admin = (await server.login(TOKEN)).headers.get('set-cookie')?.split(';')[0] ?? '';
  bob = server.auth.authenticator.openSession(req, { user: 'bob', groups: [] }).split(';')[0] ?? '';
});

afterAll(async () => server?.stop());

describe('API tokens over the API', () => {
  it("work with their scope, never above their owner's rights, and stop working when revoked", async () => {
    const made = await call(
      'tokens.create',
      { cookie: bob },
      { name: 'deploy bot', role: 'admin', namespaces: ['team-a', 'team-b'] },
    );
    expect(made.status).toBe(200);
    const { token, info } = made.data as { token: string; info: { id: string } };
    const bearer = { authorization: `Bearer ${token}` };
    expect((await call('me.get', bearer)).data).toEqual({
      subject: 'bob',
      via: 'bearer',
      everywhere: null,
      namespaces: [{ namespace: 'team-a', role: 'operator' }],
    });
    // A token cannot make tokens.
    expect((await call('tokens.create', bearer, { name: 'child', role: 'viewer' })).status).toBe(403);
    expect((await call('tokens.revoke', { cookie: bob }, { id: info.id })).status).toBe(200);
    expect((await call('me.get', bearer)).status).toBe(401);
  });

  it("lists a user's own tokens only, and lets only the owner or an admin revoke one", async () => {
    const adminMade = (await call('tokens.create', { cookie: admin }, { name: 'ci', role: 'viewer' }))
      .data as {
      token: string;
      info: { id: string };
    };
    expect((await call('me.get', { authorization: `Bearer ${adminMade.token}` })).data).toMatchObject({
      subject: 'admin',
      everywhere: 'viewer',
    });
    await call('tokens.create', { cookie: bob }, { name: 'bob-cli', role: 'viewer' });
    const bobs = (await call('tokens.list', { cookie: bob })).data as { name: string }[];
    expect(bobs.map((t) => t.name)).toEqual(['bob-cli']);
    const all = (await call('tokens.list', { cookie: admin })).data as { name: string }[];
    expect(all.map((t) => t.name).sort()).toEqual(['bob-cli', 'ci']);
    expect((await call('tokens.revoke', { cookie: bob }, { id: adminMade.info.id })).status).toBe(404);
    expect((await call('tokens.revoke', { cookie: admin }, { id: adminMade.info.id })).status).toBe(200);
  });
});
