import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from '../auth/authenticator.js';
import { isSameOriginJson } from '../auth/same-origin.js';
import type { AccessAudit } from '../services/access-audit.js';

const MAX_LOGIN_BODY = 4096;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_LOGIN_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      }
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(body) as unknown);
      } catch (error) {
        reject(error as Error);
      }
    });
    req.on('error', reject);
  });
}

function json(
  res: ServerResponse,
  status: number,
  error: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ error }));
}

/** Browser-only routes accept only same-origin JSON POSTs: a cross-site form or script cannot send one. */
function refuseCrossSite(req: IncomingMessage, res: ServerResponse, what: string): boolean {
  if (req.method === 'POST' && isSameOriginJson(req)) return false;
  json(res, req.method === 'POST' ? 403 : 405, `${what} must be a same-origin JSON POST`);
  return true;
}

/**
 * POST /api/login `{token}` → 204 + session cookie; 401 on a bad token; 429 when throttled.
 * Sign-ins and wrong tokens are audited (a throttled client's are not: it is refused unheard).
 */
export async function handleLogin(
  req: IncomingMessage,
  res: ServerResponse,
  auth: Authenticator,
  audit: AccessAudit,
): Promise<void> {
  if (refuseCrossSite(req, res, 'login')) return;
  let token = '';
  try {
    const body = (await readJson(req)) as { token?: unknown } | null;
    token = typeof body?.token === 'string' ? body.token : '';
  } catch {
    json(res, 400, 'invalid JSON');
    return;
  }
  const outcome = await auth.login(req, token);
  const from = auth.clientOf(req);
  if (outcome.status === 'throttled')
    json(res, 429, 'too many failed logins', { 'retry-after': String(outcome.retryAfterS) });
  else if (outcome.status === 'invalid') {
    audit({
      action: 'sign-in',
      who: 'unknown',
      from,
      outcome: 'failed',
      detail: 'admin token',
      error: 'invalid token',
    });
    json(res, 401, 'invalid token');
  } else {
    audit({ action: 'sign-in', who: 'admin', from, outcome: 'ok', detail: 'admin token' });
    res.writeHead(204, { 'set-cookie': outcome.setCookie }).end();
  }
}

/** POST /api/logout (same-origin JSON) → revokes the session on the server and clears the cookie. */
export function handleLogout(
  req: IncomingMessage,
  res: ServerResponse,
  auth: Authenticator,
  audit: AccessAudit,
): void {
  if (refuseCrossSite(req, res, 'logout')) return;
  const { setCookie, subject } = auth.logout(req);
  if (subject) audit({ action: 'sign-out', who: subject, from: auth.clientOf(req), outcome: 'ok' });
  res.writeHead(204, { 'set-cookie': setCookie }).end();
  req.resume();
}
