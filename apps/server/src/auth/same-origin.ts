import type { IncomingMessage } from 'node:http';

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
