import type { IncomingMessage } from 'node:http';
import type { AdminToken } from './admin-token.js';
import { readCookie, SESSION_COOKIE, type Sessions } from './sessions.js';

/** Who a request is, as far as the API cares. */
export interface RequestAuth {
  authenticated: boolean;
  /** Bearer callers are not browsers: cookies (and so CSRF) do not apply to them. */
  viaBearer: boolean;
  /** A same-origin JSON request, or a bearer call: allowed to mutate. */
  sameOrigin: boolean;
}

/** Authenticates a request by session cookie or `Authorization: Bearer <admin token>`. */
export function authenticate(req: IncomingMessage, sessions: Sessions, token: AdminToken): RequestAuth {
  const authorization = req.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const ok = token.verify(authorization.slice(7).trim());
    return { authenticated: ok, viaBearer: ok, sameOrigin: ok };
  }
  const authenticated = sessions.verify(readCookie(req.headers.cookie, SESSION_COOKIE));
  return { authenticated, viaBearer: false, sameOrigin: isSameOriginJson(req) };
}

/**
 * The CSRF rule for cookie sessions: the Origin header must name this server, and a body must
 * be JSON (a cross-site form cannot send either). Pure over the request headers.
 */
export function isSameOriginJson(req: Pick<IncomingMessage, 'headers' | 'method'>): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.host !== host) return false;
  if (req.method === 'POST')
    return (req.headers['content-type'] ?? '').split(';')[0]?.trim() === 'application/json';
  return true;
}
