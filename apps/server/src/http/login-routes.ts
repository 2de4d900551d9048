import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminToken } from '../auth/admin-token.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { isSameOriginJson } from '../auth/request-auth.js';
import type { Sessions } from '../auth/sessions.js';

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

/** POST /api/login `{token}` → 204 + session cookie; 401 on a bad token; 429 when throttled. */
export async function handleLogin(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { token: AdminToken; sessions: Sessions; throttle: LoginThrottle; secure: boolean },
): Promise<void> {
  if (req.method !== 'POST' || !isSameOriginJson(req)) {
    res
      .writeHead(403, { 'content-type': 'application/json' })
      .end('{"error":"login must be a same-origin JSON POST"}');
    return;
  }
  const client = req.socket.remoteAddress ?? 'unknown';
  if (!deps.throttle.allowed(client)) {
    res
      .writeHead(429, { 'content-type': 'application/json', 'retry-after': '60' })
      .end('{"error":"too many failed logins"}');
    return;
  }
  let token = '';
  try {
    const body = (await readJson(req)) as { token?: unknown };
    token = typeof body.token === 'string' ? body.token : '';
  } catch {
    res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid JSON"}');
    return;
  }
  if (!deps.token.verify(token)) {
    deps.throttle.fail(client);
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid token"}');
    return;
  }
  res.writeHead(204, { 'set-cookie': deps.sessions.cookie(deps.sessions.issue(), deps.secure) }).end();
}

/** POST /api/logout → clears the session cookie. */
export function handleLogout(req: IncomingMessage, res: ServerResponse, sessions: Sessions): void {
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  res.writeHead(204, { 'set-cookie': sessions.clearCookie() }).end();
}
