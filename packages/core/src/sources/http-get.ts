import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { deadlineSignal } from '../runtime/deadline.js';
import { assertHostAllowed, guardedLookup } from './address-lookup.js';
import { AddressRefusedError, type AddressPolicy } from './address-policy.js';

/** Options for {@link getFollowingRedirects}. */
export interface HttpGetOptions {
  timeoutMs: number;
  /** Reading stops beyond this many bytes, so memory stays bounded. */
  maxBytes: number;
  /** The error to raise when the body passes `maxBytes`. */
  tooLarge: () => Error;
  basicAuth?: { username: string; password: string };
  /** Send the credentials to every host a redirect leads to (Helm's `passCredentials`). */
  passCredentials?: boolean;
  /** A CA added to the system roots (Flux appends `ca.crt` to the system pool, it does not replace it). */
  caPem?: string;
  /** Client certificate and key for mutual TLS. */
  clientCert?: { certPem: string; keyPem: string };
  accept?: string;
  signal?: AbortSignal;
  /** Destinations refused, checked for the first URL and every redirect (after DNS resolution). */
  addressPolicy?: AddressPolicy;
}

/** A response outside 2xx: Helm's getter wording, `failed to fetch <url> : <status>`. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';

  constructor(
    readonly status: number,
    readonly statusText: string,
    shownUrl: string,
  ) {
    super(`failed to fetch ${shownUrl} : ${status} ${statusText}`.trim());
  }
}

/** The deadline passed before the body was read. */
export class HttpTimeoutError extends Error {
  override readonly name = 'HttpTimeoutError';
}

/** How many redirects are followed, as Go's HTTP client does. */
export const MAX_REDIRECTS = 10;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Whether credentials meant for `origin` may go to `target`, as Helm's HTTP getter decides
 * (`pkg/getter/httpgetter.go`, configured by Flux with `spec.passCredentials`): always when
 * `passCredentials` is set, otherwise only to the same scheme and host, port included — so a
 * chart or redirect on a CDN or another port never receives them. Hosts compare after URL
 * normalisation (case, default port); an unparseable URL never receives them. Pure.
 */
export function mayPassCredentials(origin: string, target: string, passCredentials: boolean): boolean {
  if (passCredentials) return true;
  try {
    const a = new URL(origin);
    const b = new URL(target);
    return a.protocol === b.protocol && a.host === b.host;
  } catch {
    return false;
  }
}

/**
 * GETs `url` with a deadline and a byte cap, following up to {@link MAX_REDIRECTS} redirects.
 * Credentials go in a header (never the URL, never a message) and only to hosts
 * {@link mayPassCredentials} allows, judged against the first URL. With an address policy,
 * every hop's host is checked and connected to at the address checked. Messages show a URL
 * without its query. Returns the body and the URL it finally came from.
 */
export async function getFollowingRedirects(
  url: string,
  options: HttpGetOptions,
): Promise<{ data: Buffer; url: URL }> {
  const deadline = deadlineSignal(options.timeoutMs, options.signal);
  try {
    return await followRedirects(url, options, deadline.signal);
  } finally {
    deadline.dispose();
  }
}

async function followRedirects(
  url: string,
  options: HttpGetOptions,
  signal: AbortSignal,
): Promise<{ data: Buffer; url: URL }> {
  let target = new URL(url);
  for (let hop = 0; ; hop += 1) {
    const credentials = mayPassCredentials(url, target.href, options.passCredentials ?? false)
      ? options.basicAuth
      : undefined;
    let response: { data: Buffer } | { redirect: string };
    try {
      assertHostAllowed(target.hostname, options.addressPolicy);
      response = await getOnce(target, { ...options, signal, basicAuth: credentials });
    } catch (error) {
      if (signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError') {
        throw new HttpTimeoutError(`timeout after ${options.timeoutMs} ms fetching ${shown(target)}`);
      }
      if (error instanceof AddressRefusedError)
        throw new Error(`failed to fetch ${shown(target)} : ${error.message}`, { cause: error });
      throw error;
    }
    if ('data' in response) return { data: response.data, url: target };
    // Go's client sends at most 10 requests: the 10th redirect is refused, not followed.
    if (hop + 1 >= MAX_REDIRECTS)
      throw new Error(`failed to fetch ${shown(new URL(url))} : stopped after ${MAX_REDIRECTS} redirects`);
    target = new URL(response.redirect, target);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new Error(
        `failed to fetch ${shown(new URL(url))} : redirect to unsupported scheme '${target.protocol.replace(/:$/, '')}'`,
      );
    }
  }
}

const shown = (url: URL): string => `${url.origin}${url.pathname}`;

function getOnce(
  target: URL,
  options: HttpGetOptions & { signal: AbortSignal },
): Promise<{ data: Buffer } | { redirect: string }> {
  const headers: Record<string, string> = {};
  if (options.accept) headers.accept = options.accept;
  if (options.basicAuth) {
    headers.authorization = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
  }
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const tls = {
    ...(options.caPem ? { ca: [...rootCertificates, options.caPem] } : {}),
    ...(options.clientCert ? { cert: options.clientCert.certPem, key: options.clientCert.keyPem } : {}),
  };
  const agent = target.protocol === 'https:' && Object.keys(tls).length > 0 ? new Agent(tls) : undefined;
  const lookup = guardedLookup(options.addressPolicy);
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error): void => {
      if (!settled) reject(error);
      settled = true;
      req.destroy();
    };
    const req = request(target, { headers, agent, lookup, signal: options.signal }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        settled = true;
        res.resume();
        resolve({ redirect: location });
        return;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        fail(new HttpStatusError(status, res.statusMessage ?? '', shown(target)));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) fail(options.tooLarge());
        else if (!settled) chunks.push(chunk);
      });
      res.on('end', () => {
        if (!settled) resolve({ data: Buffer.concat(chunks) });
        settled = true;
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}
