import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { rootCertificates } from 'node:tls';
import { assertHostAllowed, guardedLookup } from './address-lookup.js';
import type { AddressPolicy } from './address-policy.js';

/** One request of {@link guardedFetch}. */
export interface GuardedRequest {
  method: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  /** Refused destinations; the host is checked and connected to at the address checked. */
  addressPolicy?: AddressPolicy;
  /** HTTPS only: a CA added to the system roots, and/or a client certificate. */
  tls?: ClientTls;
}

/** TLS material from a `certSecretRef`: a CA added to the system roots, and/or a client pair. */
export interface ClientTls {
  caPem?: string;
  certPem?: string;
  keyPem?: string;
}

/** Node's TLS options for `tls`; a custom CA joins the system roots, as Go's `WithSystemCertPool()`. */
function tlsOptions(url: URL, tls: ClientTls | undefined): Record<string, unknown> {
  if (!tls || url.protocol !== 'https:') return {};
  return {
    ...(tls.caPem ? { ca: [...rootCertificates, tls.caPem] } : {}),
    ...(tls.certPem && tls.keyPem ? { cert: tls.certPem, key: tls.keyPem } : {}),
  };
}

/** Statuses whose responses carry no body (a `Response` refuses one). */
const NO_BODY = new Set([204, 205, 304]);

function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] ?? '', raw[i + 1] ?? '');
  return headers;
}

/**
 * `fetch(url, { redirect: 'manual' })` over `node:http(s)`, so the connection can take the
 * address policy's `lookup` and a `certSecretRef`'s CA and client pair (the global fetch cannot): one request, never a redirect followed,
 * the body streamed (the caller caps it). The `Response` has `url` set like fetch's.
 */
export function guardedFetch(url: URL, init: GuardedRequest): Promise<Response> {
  assertHostAllowed(url.hostname, init.addressPolicy);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const lookup = guardedLookup(init.addressPolicy);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method,
        headers: init.headers,
        signal: init.signal,
        lookup,
        ...tlsOptions(url, init.tls),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 599) {
          res.destroy();
          reject(new Error(`unexpected HTTP status ${status}`));
          return;
        }
        const empty = init.method === 'HEAD' || NO_BODY.has(status);
        if (empty) res.resume();
        const body = empty ? null : (Readable.toWeb(res) as WebReadableStream<Uint8Array>);
        const response = new Response(body as ReadableStream<Uint8Array> | null, {
          status,
          statusText: res.statusMessage ?? '',
          headers: headersOf(res),
        });
        Object.defineProperty(response, 'url', { value: url.href });
        resolve(response);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
