import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasAnyRole } from '../auth/access.js';
import type { Authenticator } from '../auth/authenticator.js';
import { SignInError, type OidcSignIn } from '../auth/oidc-sign-in.js';
import { readCookie } from '../auth/sessions.js';
import type { AccessAudit } from '../services/access-audit.js';

/** Where the provider sends the browser back. */
export const OIDC_CALLBACK_PATH = '/api/oidc/callback';
/** Where the login page sends the browser to sign in with the provider. */
export const OIDC_LOGIN_PATH = '/api/oidc/login';
/**
 * Binds a sign-in to the browser that began it. SameSite=Lax: the provider's redirect back is
 * a cross-site top-level navigation, which a Strict cookie would not ride on.
 */
const STATE_COOKIE = 'tideline_oidc';

/**
 * A local path to return to after signing in (the login page's rules): never another origin
 * (`//x`, `/\\x`, absolute URLs), no control characters (URL parsers drop them, smuggling `//`),
 * never the login page itself. Pure.
 */
export function localPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  if (/[\u0000-\u001f\u007f]/.test(next) || next.length > 2048) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return '/';
  return next;
}

function stateCookie(value: string, secure: boolean, maxAgeS: number): string {
  return `${STATE_COOKIE}=${value}; Path=/api/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;
}

/** The callback URL under the name the browser used (the Host header is allowlisted before this runs). */
function redirectUri(req: IncomingMessage, auth: Authenticator): string {
  return `${auth.isSecure(req) ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}${OIDC_CALLBACK_PATH}`;
}

/** GET /api/oidc/login?next=… → 302 to the provider, with the state cookie set. */
export async function handleOidcLogin(
  req: IncomingMessage,
  res: ServerResponse,
  oidc: OidcSignIn,
  auth: Authenticator,
  log: (line: string) => void,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  try {
    const begun = await oidc.begin(redirectUri(req, auth), localPath(url.searchParams.get('next')));
    res
      .writeHead(302, {
        location: begun.authorizationUrl,
        'set-cookie': stateCookie(begun.state, auth.isSecure(req), 600),
        'cache-control': 'no-store',
      })
      .end();
  } catch (error) {
    log(`⚠ sign-in not started: ${(error as Error).message}`);
    res.writeHead(302, { location: '/login?sso=provider' }).end();
  }
}

/**
 * GET /api/oidc/callback → a session for the signed-in user (302 to where it was going), or back
 * to the login page saying why not: a forged or foreign state, a replayed or expired sign-in,
 * a token the checks refused, or a user the access policy gives no role. Every refusal but an
 * unreachable provider counts against the client in the login throttle; a client past its
 * limit is sent back before its callback is looked at. Sign-ins and refusals are audited.
 */
export async function handleOidcCallback(
  req: IncomingMessage,
  res: ServerResponse,
  oidc: OidcSignIn,
  auth: Authenticator,
  log: (line: string) => void,
  audit: AccessAudit,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const clear = stateCookie('', auth.isSecure(req), 0);
  const from = auth.clientOf(req);
  if (auth.signInWaitS(req) > 0) {
    res.writeHead(302, { location: '/login?sso=throttled', 'set-cookie': clear }).end();
    return;
  }
  let who = 'unknown';
  try {
    const { identity, next } = await oidc.finish(
      url.searchParams,
      readCookie(req.headers.cookie, STATE_COOKIE),
    );
    who = identity.user;
    if (!hasAnyRole(auth.accessOf(identity)))
      throw new SignInError(
        'no-role',
        `${identity.user} signed in, but the access policy gives them no role`,
      );
    log(`✔ ${identity.user} signed in (groups: ${identity.groups.join(', ') || 'none'})`);
    audit({ action: 'sign-in', who, from, outcome: 'ok', detail: 'OIDC' });
    res.writeHead(302, { location: next, 'set-cookie': [clear, auth.openSession(req, identity)] }).end();
  } catch (error) {
    const failure = error instanceof SignInError ? error.failure : 'provider';
    const message = (error as Error).message;
    if (failure !== 'unreachable') auth.signInFailed(req);
    log(`⚠ sign-in refused: ${message}`);
    audit({ action: 'sign-in', who, from, outcome: 'failed', detail: 'OIDC', error: message.slice(0, 300) });
    res.writeHead(302, { location: `/login?sso=${failure}`, 'set-cookie': clear }).end();
  }
}
