import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { ListenAddress } from './listen-address.js';
import { readinessBody, type ReadinessCheck } from './readiness.js';

/** Answers `/healthz` and `/readyz`; false for any other path (the caller routes it). */
export function answerProbe(
  path: string,
  res: ServerResponse,
  readiness: (() => ReadinessCheck[]) | undefined,
): boolean {
  if (path === '/healthz' || path === '/livez') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return true;
  }
  if (path === '/readyz' && readiness) {
    const checks = readiness();
    const ready = checks.every((c) => c.ok);
    res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(readinessBody(checks));
    return true;
  }
  return false;
}

/** A running operations listener. */
export interface OpsServer {
  /** `http://host:port` (the port actually bound). */
  url: string;
  stop(): Promise<void>;
}

/**
 * The operations listener (Flux's `--metrics-addr`): `/metrics` in Prometheus' text format,
 * `/healthz` and `/readyz`, unauthenticated as every Flux controller's, so keep it on a
 * network only Prometheus and the kubelet reach (the chart's NetworkPolicy does). It serves
 * object names and counts, never credentials.
 */
export async function startOpsServer(
  address: ListenAddress,
  registry: Registry,
  readiness: () => ReadinessCheck[],
): Promise<OpsServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (answerProbe(path, res, readiness)) return;
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) =>
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end(`collecting metrics failed: ${String(error)}\n`),
    );
  });
  // Scrapes are small and fast: anything slower than this is a stuck client.
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => resolve());
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound ? bound.port : address.port;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
