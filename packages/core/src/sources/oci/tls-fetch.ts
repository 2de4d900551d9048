import { request } from 'node:https';
import { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';

/** TLS material from a `certSecretRef`: a CA added to the system roots, and/or a client pair. */
export interface RegistryTls {
  caPem?: string;
  certPem?: string;
  keyPem?: string;
}

/**
 * One HTTPS request with custom TLS (Node's `fetch` cannot take a CA or a client certificate
 * without the undici package), answered as a web `Response` so the registry client reads it like
 * any other. No redirects are followed here (the caller handles them); the signal aborts it. A
 * custom CA is added to the system roots, as Go's `secrets.WithSystemCertPool()` does.
 */
export function tlsFetch(
  url: URL,
  init: { method: string; headers: Record<string, string>; signal: AbortSignal },
  tls: RegistryTls,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method,
        headers: init.headers,
        signal: init.signal,
        ...(tls.caPem ? { ca: [...rootCertificates, tls.caPem] } : {}),
        ...(tls.certPem && tls.keyPem ? { cert: tls.certPem, key: tls.keyPem } : {}),
      },
      (res) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (Array.isArray(value)) for (const v of value) headers.append(name, v);
          else if (value !== undefined) headers.set(name, value);
        }
        const status = res.statusCode ?? 0;
        const noBody = init.method === 'HEAD' || status === 204 || status === 304;
        if (noBody) res.resume();
        const body = noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status, statusText: res.statusMessage ?? '', headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
