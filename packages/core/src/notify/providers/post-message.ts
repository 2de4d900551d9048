import { goMarshal } from '../go-json.js';
import { sendWithRetry, type HttpContext, type HttpResponse } from './http-client.js';

/** Options of one {@link postMessage}, as internal/notifier/client.go's postOptions. */
export interface PostOptions {
  method?: string;
  /** Raw bytes with this content type; default: the payload marshalled as Go JSON. */
  contentType?: string;
  headers?: Record<string, string>;
  basicAuth?: { username: string; password: string };
  /** Replaces the default 2xx check (Slack's chat.postMessage `ok` check). */
  validate?: (response: HttpResponse) => void;
}

/** The default check: any 2xx; else `request failed with status code N: <body>`. */
export function validateStatus(response: HttpResponse): void {
  if (response.status >= 200 && response.status < 300) return;
  throw new Error(`request failed with status code ${response.status}: ${response.body}`);
}

/**
 * POSTs a payload as notification-controller's postMessage does: Go JSON with
 * `Content-Type: application/json` (or raw bytes with a given type), optional basic auth and
 * headers, retried by go-retryablehttp's policy, then validated. Errors read as Flux's:
 * `failed to execute request: …` or `request failed: …`.
 */
export async function postMessage(
  ctx: HttpContext,
  url: string,
  payload: unknown,
  options: PostOptions = {},
): Promise<HttpResponse> {
  const body = options.contentType ? String(payload) : goMarshal(payload);
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json' };
  if (options.basicAuth && (options.basicAuth.username || options.basicAuth.password)) {
    headers.Authorization = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
  }
  Object.assign(headers, options.headers);
  let response: HttpResponse;
  try {
    response = await sendWithRetry(ctx, { method: options.method ?? 'POST', url, headers, body });
  } catch (error) {
    throw new Error(`failed to execute request: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    (options.validate ?? validateStatus)(response);
  } catch (error) {
    throw new Error(`request failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return response;
}

/** A Go `url.ParseRequestURI` check: an absolute URL (or absolute path). Pure. */
export function isRequestUri(text: string): boolean {
  if (text.startsWith('/')) return true;
  try {
    const url = new URL(text);
    return url.protocol.length > 1;
  } catch {
    return false;
  }
}
