import {
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';
import { redactUrlCredentials } from '../../runtime/redact.js';
import { timerDelay } from '../../runtime/timer-delay.js';

/** TLS material of a Provider's `certSecretRef` (or a commit-status provider's `secretRef`). */
export interface ProviderTls {
  /** Appended to the system roots, as Flux's TLSConfigFromSecret does. */
  caPem?: string;
  certPem?: string;
  keyPem?: string;
}

/** go-retryablehttp as notification-controller configures it: 4 retries, waits of 2 s doubling to 30 s. */
export interface RetryPolicy {
  retryMax: number;
  waitMinMs: number;
  waitMaxMs: number;
}

/** Flux's policy (internal/notifier/client.go). */
export const FLUX_RETRY_POLICY: RetryPolicy = { retryMax: 4, waitMinMs: 2000, waitMaxMs: 30_000 };

/** What every request of one delivery shares. */
export interface HttpContext {
  /** Aborts at the Provider's timeout (default 15 s), retries and waits included. */
  signal: AbortSignal;
  proxyUrl?: string;
  tls?: ProviderTls;
  retry: RetryPolicy;
}

/** One HTTP request. */
export interface HttpCall {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A response, its body cut at {@link MAX_RESPONSE_BYTES}. */
export interface HttpResponse {
  status: number;
  statusText: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Responses are read up to this size (error texts and JSON acknowledgements are small). */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** A request that could not be completed (network, TLS or a retried status). */
export class HttpDeliveryError extends Error {
  override readonly name = 'HttpDeliveryError';
}

const TLS_TRUST_ERRORS = /certificate|self.signed|unable to verify|UNABLE_TO_GET_ISSUER|CERT_/i;

/** Whether go-retryablehttp's default policy retries this outcome (429, 5xx but 501, 0, network errors). */
export function shouldRetry(outcome: { status?: number; error?: Error }): boolean {
  if (outcome.error)
    return !TLS_TRUST_ERRORS.test(
      `${outcome.error.message} ${(outcome.error as { code?: string }).code ?? ''}`,
    );
  const status = outcome.status ?? 0;
  return status === 429 || status === 0 || (status >= 500 && status !== 501);
}

/** go-retryablehttp's DefaultBackoff: `min·2^attempt` capped at max, or Retry-After on 429/503. Pure. */
export function backoffMs(policy: RetryPolicy, attempt: number, response?: HttpResponse): number {
  if (response && (response.status === 429 || response.status === 503)) {
    const header = response.headers['retry-after'];
    const seconds = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
    if (seconds !== undefined) return seconds * 1000;
  }
  return Math.min(policy.waitMinMs * 2 ** attempt, policy.waitMaxMs);
}

/**
 * Sends one request with go-retryablehttp's policy and resolves the final response (2xx or
 * not: callers validate it). Retried statuses that never recover and network failures reject
 * with retryablehttp's `POST <url> giving up after N attempt(s)` wording; the URL's
 * credentials are redacted, as retryablehttp's redactURL does.
 */
export async function sendWithRetry(ctx: HttpContext, call: HttpCall): Promise<HttpResponse> {
  const method = call.method ?? 'POST';
  const shown = redactUrlCredentials(call.url);
  for (let attempt = 0; ; attempt += 1) {
    let response: HttpResponse | undefined;
    let error: Error | undefined;
    try {
      response = await sendOnce(ctx, call);
    } catch (e) {
      if (ctx.signal.aborted) throw abortError(method, shown, attempt + 1);
      error = e instanceof Error ? e : new Error(String(e));
    }
    if (!shouldRetry({ status: response?.status, error })) {
      if (response) return response;
      throw new HttpDeliveryError(
        `${method} ${shown} giving up after ${attempt + 1} attempt(s): ${error?.message}`,
      );
    }
    if (attempt >= ctx.retry.retryMax) {
      const cause = error ? `: ${method} "${shown}": ${error.message}` : '';
      throw new HttpDeliveryError(`${method} ${shown} giving up after ${attempt + 1} attempt(s)${cause}`);
    }
    await sleep(backoffMs(ctx.retry, attempt, response), ctx.signal).catch(() => {
      throw new HttpDeliveryError('context deadline exceeded');
    });
  }
}

function abortError(method: string, shown: string, attempts: number): HttpDeliveryError {
  return new HttpDeliveryError(
    `${method} ${shown} giving up after ${attempts} attempt(s): context deadline exceeded`,
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, timerDelay(ms));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function tlsOptions(
  tls: ProviderTls | undefined,
): Pick<RequestOptions & { ca?: string[]; cert?: string; key?: string }, 'ca' | 'cert' | 'key'> {
  return {
    ...(tls?.caPem ? { ca: [...rootCertificates, tls.caPem] } : {}),
    ...(tls?.certPem && tls.keyPem ? { cert: tls.certPem, key: tls.keyPem } : {}),
  };
}

/** One attempt: direct, through an HTTP proxy (absolute URI), or tunnelled with CONNECT for https. */
async function sendOnce(ctx: HttpContext, call: HttpCall): Promise<HttpResponse> {
  const target = new URL(call.url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new HttpDeliveryError(`unsupported protocol scheme "${target.protocol.replace(':', '')}"`);
  const body = call.body === undefined ? undefined : Buffer.from(call.body);
  const headers: Record<string, string> = { ...call.headers };
  if (body) headers['content-length'] = String(body.length);
  if (target.username || target.password) {
    headers.authorization ??= `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
  }
  const path = `${target.pathname}${target.search}`;
  const proxy = ctx.proxyUrl ? new URL(ctx.proxyUrl) : undefined;
  const proxyAuth =
    proxy && (proxy.username || proxy.password)
      ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`
      : undefined;
  const base = { method: call.method ?? 'POST', signal: ctx.signal, agent: false as const };
  let req: ClientRequest;
  if (proxy && target.protocol === 'http:') {
    req = httpRequest({
      ...base,
      host: proxy.hostname,
      port: proxy.port || 80,
      path: `${target.origin}${path}`,
      headers: { ...headers, host: target.host, ...(proxyAuth ? { 'proxy-authorization': proxyAuth } : {}) },
    });
  } else if (proxy) {
    const socket = await connectTunnel(proxy, target, proxyAuth, ctx);
    // No agent: with one, Node would ignore createConnection and dial the target directly.
    req = httpsRequest({
      method: base.method,
      signal: base.signal,
      host: target.hostname,
      port: target.port || 443,
      path,
      headers,
      createConnection: () => socket,
    });
  } else {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    req = send({
      ...base,
      host: target.hostname,
      port: target.port || undefined,
      path,
      headers,
      ...(target.protocol === 'https:' ? tlsOptions(ctx.tls) : {}),
    });
  }
  return exchange(req, body);
}

/** CONNECT through the proxy, then TLS to the target over the tunnel. */
function connectTunnel(
  proxy: URL,
  target: URL,
  proxyAuth: string | undefined,
  ctx: HttpContext,
): Promise<TLSSocket> {
  const authority = `${target.hostname}:${target.port || 443}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: 'CONNECT',
      path: authority,
      signal: ctx.signal,
      agent: false,
      headers: { host: authority, ...(proxyAuth ? { 'proxy-authorization': proxyAuth } : {}) },
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new HttpDeliveryError(`proxy CONNECT answered ${res.statusCode}`));
        return;
      }
      const tls = tlsConnect({ socket, servername: target.hostname, ...tlsOptions(ctx.tls) });
      tls.once('secureConnect', () => resolve(tls));
      tls.once('error', reject);
    });
    req.once('error', reject);
    req.end();
  });
}

function exchange(req: ClientRequest, body: Buffer | undefined): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size >= MAX_RESPONSE_BYTES) return;
        chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
        size += chunk.length;
      });
      res.once('error', reject);
      res.once('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.end(body);
  });
}
