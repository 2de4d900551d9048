import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessPolicy } from '../auth/access-policy.js';
import type { OidcSettings } from '../auth/oidc-sign-in.js';
import { openStream, startTestServer, type TestServer } from '../testing/http-fixture.js';
import {
  signInAtProvider,
  startOidcProvider,
  type OidcProviderFixture,
} from '../testing/oidc-provider-fixture.js';

const CALLBACK = '/api/oidc/callback';
let provider: OidcProviderFixture;
let tideline: TestServer;
let other: TestServer;
/** Allows two refused sign-ins per client. */
let strict: TestServer;
let policy: AccessPolicy;
const policyFile = join(mkdtempSync(join(tmpdir(), 'oidc-policy-')), 'access.yaml');
const OPERATOR_POLICY = 'grants: [{role: operator, groups: [team-a-ops], namespaces: [team-a]}]';

const settings = (issuer: string, clientId: string): OidcSettings => ({
  issuer,
  clientId,
  clientSecret: `${clientId}-secret-0123456789`,
  scopes: 'openid email profile groups',
  usernameClaim: 'email',
  groupsClaim: 'groups',
  // No grace: an ID token past its `exp` is refused (the default tolerates 30 s of clock skew).
  clockToleranceS: 0,
});

beforeAll(async () => {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  writeFileSync(policyFile, OPERATOR_POLICY);
  policy = await AccessPolicy.open(policyFile, () => undefined, 100);
  tideline = await startTestServer({
    adminToken: 'a'.repeat(32),
    oidc: settings(issuer, 'tideline'),
    policy,
  });
  other = await startTestServer({ adminToken: 'b'.repeat(32), oidc: settings(issuer, 'other-app'), policy });
  strict = await startTestServer({
    adminToken: 'c'.repeat(32),
    oidc: settings(issuer, 'tideline'),
    policy,
    loginLimits: { perKey: 2, globalBudget: 100, windowMs: 60_000 },
  });
  provider = await startOidcProvider({
    port,
    clients: [
      {
        clientId: 'tideline',
        clientSecret: 'tideline-secret-0123456789',
        redirectUris: [tideline.url + CALLBACK, strict.url + CALLBACK],
      },
      {
        clientId: 'other-app',
        clientSecret: 'other-app-secret-0123456789',
        redirectUris: [other.url + CALLBACK],
      },
    ],
    groups: { alice: ['team-a-ops', 'everyone'] },
  });
}, 30_000);

afterAll(async () => {
  await tideline?.stop();
  await other?.stop();
  await strict?.stop();
  await provider?.stop();
  policy?.close();
});

/** Follows the provider's redirect back into Tideline with the browser's state cookie. */
const callBack = (callback: string, stateCookie: string) =>
  fetch(callback, { redirect: 'manual', headers: { cookie: stateCookie } });

/** The session cookie a response sets (`name=value`), or ''. */
const sessionOf = (res: Response): string =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('tideline_session='))
    ?.split(';')[0] ?? '';

async function me(url: string, session: string): Promise<unknown> {
  const res = await fetch(`${url}/trpc/me.get`, { headers: { cookie: session } });
  return ((await res.json()) as { result?: { data: unknown }; error?: unknown }).result?.data ?? res.status;
}

describe('sign-in with an OpenID provider', () => {
  it('signs alice in through the login page, with her groups, and returns to where she was going', async () => {
    const { callback, stateCookie } = await signInAtProvider(tideline.url, 'alice', '/graph?focus=x');
    const res = await callBack(callback, stateCookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graph?focus=x');
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith('tideline_oidc=;') && c.includes('Max-Age=0'))).toBe(true);
    const session = sessionOf(res);
    expect(session).toMatch(/^tideline_session=./);
    expect(await me(tideline.url, session)).toEqual({
      subject: 'alice@example.test',
      via: 'session',
      everywhere: null,
      namespaces: [{ namespace: 'team-a', role: 'operator' }],
    });
    expect(tideline.logs).toContain('✔ alice@example.test signed in (groups: team-a-ops, everyone)');
    expect(tideline.audit.list(1)[0]).toMatchObject({
      who: 'alice@example.test',
      action: 'sign-in',
      outcome: 'ok',
      from: '127.0.0.1',
      detail: 'OIDC',
    });

    // The same callback again (a replayed code): the sign-in was used up.
    const replay = await callBack(callback, stateCookie);
    expect(replay.headers.get('location')).toBe('/login?sso=used');
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('tideline_session='))).toBe(false);
  });

  it("ends alice's session, and closes her live stream within seconds, when her role changes", async () => {
    const { callback, stateCookie } = await signInAtProvider(tideline.url, 'alice');
    const session = sessionOf(await callBack(callback, stateCookie));
    const stream = await openStream(tideline, session);
    const started = performance.now();
    try {
      writeFileSync(policyFile, 'grants: [{role: viewer, groups: [team-a-ops], namespaces: [team-a]}]');
      const tail = await stream.rest();
      expect(tail).toContain('"code":"UNAUTHORIZED"');
      expect(performance.now() - started).toBeLessThan(5000);
      expect(await me(tideline.url, session)).toBe(401);
    } finally {
      writeFileSync(policyFile, OPERATOR_POLICY);
      await policy.reload();
    }
  });

  it('refuses a forged state, and a callback brought by another browser', async () => {
    const { callback, stateCookie } = await signInAtProvider(tideline.url, 'alice');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state-value');
    expect((await callBack(forged.href, stateCookie)).headers.get('location')).toBe('/login?sso=state');
    expect((await callBack(callback, '')).headers.get('location')).toBe('/login?sso=state');
  });

  it("refuses an ID token issued to another client (the provider's own signature, the wrong audience)", async () => {
    const first = await signInAtProvider(other.url, 'alice');
    expect((await callBack(first.callback, first.stateCookie)).headers.get('location')).toBe('/');
    const foreign = provider.issued.get('other-app');
    expect(foreign).toBeDefined();
    provider.swapNextIdToken(foreign ?? '');
    const { callback, stateCookie } = await signInAtProvider(tideline.url, 'alice');
    const res = await callBack(callback, stateCookie);
    expect(res.headers.get('location')).toBe('/login?sso=provider');
    expect(tideline.logs.at(-1)).toMatch(/sign-in refused: .*unexpected JWT "aud" \(audience\) claim value/);
  });

  it('refuses an ID token that has expired', async () => {
    provider.setIdTokenTtl(1);
    provider.delayTokenAnswers(2100);
    try {
      const { callback, stateCookie } = await signInAtProvider(tideline.url, 'alice');
      const res = await callBack(callback, stateCookie);
      expect(res.headers.get('location')).toBe('/login?sso=provider');
      expect(tideline.logs.at(-1)).toMatch(/sign-in refused: .*"exp" \(expiration time\)/);
    } finally {
      provider.setIdTokenTtl(3600);
      provider.delayTokenAnswers(0);
    }
  });

  it('refuses a user the access policy gives no role', async () => {
    const { callback, stateCookie } = await signInAtProvider(tideline.url, 'mallory');
    const res = await callBack(callback, stateCookie);
    expect(res.headers.get('location')).toBe('/login?sso=no-role');
    expect(sessionOf(res)).toBe('');
    expect(tideline.audit.list(1)[0]).toMatchObject({
      who: 'mallory@example.test',
      action: 'sign-in',
      outcome: 'failed',
      detail: 'OIDC',
      error: 'mallory@example.test signed in, but the access policy gives them no role',
    });
  });

  it('counts refused callbacks in the login throttle: past the limit even a genuine one is sent back', async () => {
    for (let i = 0; i < 2; i++) {
      const { callback, stateCookie } = await signInAtProvider(strict.url, 'alice');
      const forged = new URL(callback);
      forged.searchParams.set('state', `forged-${i}`);
      expect((await callBack(forged.href, stateCookie)).headers.get('location')).toBe('/login?sso=state');
    }
    const { callback, stateCookie } = await signInAtProvider(strict.url, 'alice');
    const res = await callBack(callback, stateCookie);
    expect(res.headers.get('location')).toBe('/login?sso=throttled');
    expect(sessionOf(res)).toBe('');
    expect(strict.audit.list(10).map((e) => [e.who, e.outcome])).toEqual([
      ['unknown', 'failed'],
      ['unknown', 'failed'],
    ]);
    // The form's budget is the same: the admin token is refused unheard too.
    expect((await strict.login('c'.repeat(32))).status).toBe(429);
  });
});
