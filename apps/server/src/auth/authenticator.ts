import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  ADMIN_ACCESS,
  accessKey,
  hasAnyRole,
  narrowAccess,
  resolveAccess,
  type Access,
  type Identity,
} from './access.js';
import type { ApiTokenInfo, ApiTokens } from './api-tokens.js';
import type { AccessPolicy } from './access-policy.js';
import type { AdminToken } from './admin-token.js';
import { clientKey } from './client-key.js';
import { normalizeIp } from './ip-address.js';
import type { FailureThrottle } from './failure-throttle.js';
import type { AuthOutcome, LoginOutcome, Principal } from './principal.js';
import { readCookie, SESSION_COOKIE, type Sessions } from './sessions.js';

/** What an {@link Authenticator} checks against. */
export interface AuthenticatorDeps {
  token: AdminToken;
  sessions: Sessions;
  /** Who may see and do what (the admin token is always admin). */
  policy: AccessPolicy;
  /** API tokens of people and automation. */
  apiTokens: ApiTokens;
  /** Failed logins (the scrypt path, guarding a token a person may have chosen). */
  loginThrottle: FailureThrottle;
  /** Failed bearer tokens and forged session cookies. */
  credentialThrottle: FailureThrottle;
  /** Normalized addresses of reverse proxies whose `X-Forwarded-For`/`-Proto` are believed. */
  trustedProxies: ReadonlySet<string>;
}

const BEARER = /^Bearer +([!-~]{1,512}) *$/;

/**
 * The one place requests are authenticated. Every credential path counts its failures per
 * client key ({@link clientKey}): the login form refuses a client past its limit before running
 * scrypt; a bearer token or session cookie is checked first (an HMAC, about a microsecond; both
 * are 192 to 256 random bits, so guessing is hopeless) and a valid one always passes, so an
 * attacker sharing a victim's address cannot lock the victim out, while failures answer 429
 * once the client is past its limit.
 */
export class Authenticator {
  constructor(private readonly deps: AuthenticatorDeps) {}

  /** Who the request is, by `Authorization: Bearer <admin token>` or by session cookie. */
  authenticate(req: IncomingMessage): AuthOutcome {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const token = authorization.length <= 600 ? BEARER.exec(authorization)?.[1] : undefined;
      if (token && this.deps.token.verifyBearer(token))
        return {
          status: 'authenticated',
          principal: { subject: 'admin', access: ADMIN_ACCESS, via: 'bearer' },
        };
      const api = token ? this.deps.apiTokens.verify(token) : undefined;
      if (api) {
        const principal = this.tokenPrincipal(api);
        // A genuine token whose owner has lost every right: refused, but not an attack to count.
        return hasAnyRole(principal.access) ? { status: 'authenticated', principal } : { status: 'invalid' };
      }
      return this.failed(this.deps.credentialThrottle, req);
    }
    const check = this.deps.sessions.check(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (check.status === 'forged') return this.failed(this.deps.credentialThrottle, req);
    if (check.status === 'none') return { status: 'anonymous' };
    const sessions = this.deps.sessions;
    const identity = check.identity;
    const principal: Principal = {
      subject: identity?.user ?? 'admin',
      access: identity ? this.accessOf(identity) : ADMIN_ACCESS,
      ...(identity ? { impersonate: identity } : {}),
      via: 'session',
      sessionHandle: check.handle,
      sessionEnds: () => sessions.endSignal(check.id),
    };
    return { status: 'authenticated', principal };
  }

  /** Exchanges the admin token for a session; a client past its limit is refused before scrypt runs. */
  async login(req: IncomingMessage, candidate: string): Promise<LoginOutcome> {
    const throttle = this.deps.loginThrottle;
    const key = this.keyOf(req);
    const wait = throttle.waitMs(key);
    if (wait > 0) return { status: 'throttled', retryAfterS: Math.ceil(wait / 1000) };
    const verdict = await this.deps.token.verifyLogin(candidate);
    if (verdict === 'busy') return { status: 'throttled', retryAfterS: 1 };
    if (verdict === 'invalid') {
      throttle.fail(key);
      return { status: 'invalid' };
    }
    const { value } = this.deps.sessions.issue();
    return { status: 'ok', setCookie: this.deps.sessions.cookie(value, this.isSecure(req)) };
  }

  /**
   * Seconds the client must wait before its next sign-in with the provider (0: now). Sign-ins
   * share the login form's throttle: one budget of failures per client, however it signs in.
   */
  signInWaitS(req: IncomingMessage): number {
    return Math.ceil(this.deps.loginThrottle.waitMs(this.keyOf(req)) / 1000);
  }

  /** Counts a refused sign-in (a forged, replayed or refused OIDC callback) against the client. */
  signInFailed(req: IncomingMessage): void {
    this.deps.loginThrottle.fail(this.keyOf(req));
  }

  /** The live sessions (listed and ended by the `sessions` procedures). */
  get sessions(): Sessions {
    return this.deps.sessions;
  }

  /** The API tokens (listed, made and revoked by the `tokens` procedures). */
  get apiTokens(): ApiTokens {
    return this.deps.apiTokens;
  }

  /**
   * An API token acts as its owner (impersonated, for an OIDC user; as the server, for the
   * break-glass admin's automation tokens), never with more than the owner has now nor more
   * than its own role and namespaces.
   */
  private tokenPrincipal(api: ApiTokenInfo): Principal {
    const owner = api.owner ? this.accessOf(api.owner) : ADMIN_ACCESS;
    return {
      subject: api.owner?.user ?? 'admin',
      access: narrowAccess(owner, api.role, api.namespaces),
      ...(api.owner ? { impersonate: api.owner } : {}),
      via: 'bearer',
      tokenId: api.id,
    };
  }

  /** What the policy grants an identity now. */
  accessOf(identity: Identity): Access {
    return resolveAccess(this.deps.policy.grants(), identity);
  }

  /** Opens a session for a signed-in identity; resolves its Set-Cookie header. */
  openSession(req: IncomingMessage, identity: Identity): string {
    const { value } = this.deps.sessions.issue(identity, accessKey(this.accessOf(identity)));
    return this.deps.sessions.cookie(value, this.isSecure(req));
  }

  /** Ends the sessions whose rights the policy changed; resolves how many (called on each policy change). */
  endChangedSessions(): number {
    return this.deps.sessions.endChanged((identity) => accessKey(this.accessOf(identity)));
  }

  /**
   * Revokes the request's session, if it has a live one; resolves the Set-Cookie that clears it
   * and whose session it was (undefined: there was none).
   */
  logout(req: IncomingMessage): { setCookie: string; subject?: string } {
    const check = this.deps.sessions.check(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (check.status !== 'valid') return { setCookie: this.clearCookie(req) };
    this.deps.sessions.revoke(check.id);
    return { setCookie: this.clearCookie(req), subject: check.identity?.user ?? 'admin' };
  }

  /** The Set-Cookie header that drops the session cookie. */
  clearCookie(req: IncomingMessage): string {
    return this.deps.sessions.clearCookie(this.isSecure(req));
  }

  /** Served over TLS: by us (`--tls-cert-file`), or by a trusted proxy that says so (`X-Forwarded-Proto: https`). */
  isSecure(req: IncomingMessage): boolean {
    if ((req.socket as TLSSocket).encrypted === true) return true;
    const peer = normalizeIp(req.socket.remoteAddress ?? '');
    const proto = req.headers['x-forwarded-proto'];
    return (
      peer !== undefined &&
      this.deps.trustedProxies.has(peer) &&
      typeof proto === 'string' &&
      proto.split(',').pop()?.trim().toLowerCase() === 'https'
    );
  }

  private failed(throttle: FailureThrottle, req: IncomingMessage): AuthOutcome {
    const key = this.keyOf(req);
    throttle.fail(key);
    const wait = throttle.waitMs(key);
    return wait > 0 ? { status: 'throttled', retryAfterS: Math.ceil(wait / 1000) } : { status: 'invalid' };
  }

  /** Where the request comes from, as the throttles count it (the address after trusted proxies). */
  clientOf(req: IncomingMessage): string {
    return this.keyOf(req);
  }

  private keyOf(req: IncomingMessage): string {
    return clientKey(req.socket.remoteAddress, req.headers['x-forwarded-for'], this.deps.trustedProxies);
  }
}
