import type { Server } from 'node:http';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { sleep } from '@tideline/sandbox';

/** A client registered at the test provider. */
export interface TestOidcClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** Options of {@link startOidcProvider}. */
export interface OidcProviderOptions {
  port: number;
  clients: TestOidcClient[];
  /** login → groups; any other login signs in with no groups. */
  groups: Record<string, string[]>;
}

/** A real OpenID provider (node-oidc-provider, certified) on loopback, with test hooks on its token answers. */
export interface OidcProviderFixture {
  issuer: string;
  /** The last ID token issued to each client, as issued. */
  issued: Map<string, string>;
  /** Replace the next token answer's ID token with this one (a genuine token issued to someone else). */
  swapNextIdToken(token: string): void;
  /** Hold token answers this long before sending them (an ID token that expires on the way). */
  delayTokenAnswers(ms: number): void;
  /** Seconds the next ID tokens live (oidc-provider's `ttl.IdToken`; 3600 at start). */
  setIdTokenTtl(seconds: number): void;
  stop(): Promise<void>;
}

function audienceOf(idToken: string): string {
  const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    aud: string | string[];
  };
  return Array.isArray(payload.aud) ? (payload.aud[0] ?? '') : payload.aud;
}

/**
 * Starts oidc-provider with its development login page (any login, any password), consent
 * granted for the registered first-party clients, `email` and `groups` claims in the ID token
 * (as Dex and Keycloak put them), and PKCE required.
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProviderFixture> {
  const issuer = `http://127.0.0.1:${options.port}`;
  let idTokenTtlS = 3600;
  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@example.test`, groups: options.groups[id] ?? [] }),
    }),
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: { openid: ['sub'], email: ['email'], groups: ['groups'], profile: [] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['tideline-test-provider'] },
    ttl: { IdToken: () => idTokenTtlS },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid email profile groups');
      grant.addOIDCClaims(['email', 'groups']);
      await grant.save();
      return grant;
    },
  });
  const issued = new Map<string, string>();
  let swap: string | undefined;
  let delayMs = 0;
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || ctx.status !== 200) return;
    const body = ctx.body as { id_token?: string } | undefined;
    if (!body?.id_token) return;
    issued.set(audienceOf(body.id_token), body.id_token);
    if (swap) {
      body.id_token = swap;
      swap = undefined;
    }
    if (delayMs > 0) await sleep(delayMs);
  });
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(options.port, '127.0.0.1', () => resolve(s));
  });
  return {
    issuer,
    issued,
    swapNextIdToken: (token) => void (swap = token),
    delayTokenAnswers: (ms) => void (delayMs = ms),
    setIdTokenTtl: (seconds) => void (idTokenTtlS = seconds),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser's cookies for one site, just enough for the sign-in dance. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Signs in as `login` through Tideline and the provider's login page, as a browser does, up to
 * the provider's redirect back: resolves the callback URL and Tideline's state cookie (the
 * caller decides what to do with them: follow, replay, tamper).
 */
export async function signInAtProvider(
  tidelineUrl: string,
  login: string,
  next = '/',
): Promise<{ callback: string; stateCookie: string }> {
  const start = await fetch(`${tidelineUrl}/api/oidc/login?next=${encodeURIComponent(next)}`, {
    redirect: 'manual',
  });
  const stateCookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  let location = start.headers.get('location') ?? '';
  if (!stateCookie.startsWith('tideline_oidc='))
    throw new Error(`sign-in did not start: ${start.status} → ${location}`);
  const jar = new CookieJar();
  for (let hop = 0; hop < 10; hop++) {
    if (location.startsWith(tidelineUrl)) return { callback: location, stateCookie };
    const res = await fetch(location, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(res);
    if (res.status >= 300 && res.status < 400) {
      location = new URL(res.headers.get('location') ?? '', location).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    const posted = await fetch(new URL(action.replace(/&amp;/g, '&'), location), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
    });
    jar.take(posted);
    location = new URL(posted.headers.get('location') ?? '', location).href;
  }
  throw new Error('the sign-in did not come back to Tideline');
}
