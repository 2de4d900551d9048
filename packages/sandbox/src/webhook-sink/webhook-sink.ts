import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { listen } from '../listen.js';
import { freePort } from '../ports.js';

/** One request the sink received. */
export interface SinkRequest {
  method: string;
  /** Path and query (`/hooks/slack?x=1`); for a proxied request, the absolute URI; for CONNECT, `host:port`. */
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Received as a forward proxy (absolute URI or CONNECT). */
  proxied: boolean;
  at: string;
}

/** How the sink answers the next requests (first match is used and counted down). */
export interface SinkBehaviour {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
  /** How many requests get this answer (default: all until replaced). */
  times?: number;
  /** Only requests to this path (default: any). */
  path?: string;
}

/** Options for {@link startWebhookSink}. */
export interface WebhookSinkOptions {
  port?: number;
  host?: string;
  /** Serve HTTPS with this certificate (custom CA tests); with `clientCa`, answer 400 without a client certificate it signed. */
  tls?: { cert: string; key: string; clientCa?: string };
  /** Requests kept (oldest dropped first); default 1000. */
  maxRequests?: number;
  /** Bodies are cut at this size; default 1 MiB. */
  maxBodyBytes?: number;
}

/** A running sink. */
export interface WebhookSink {
  /** `http://127.0.0.1:PORT` (`https://` with TLS), no trailing slash. */
  url: string;
  port: number;
  /** What was received, oldest first. */
  requests(): SinkRequest[];
  /** Forgets what was received. */
  clear(): void;
  /** Queues an answer; without any, the sink answers `200 {"ok":true}`. */
  respondWith(behaviour: SinkBehaviour): void;
  /** Resolves once `count` requests matching `filter` arrived. */
  waitFor(count: number, filter?: (r: SinkRequest) => boolean, timeoutMs?: number): Promise<SinkRequest[]>;
  stop(): Promise<void>;
}

/**
 * A loopback webhook endpoint for the providers' request shapes: every method and path is
 * recorded (headers and body) and answered `200 {"ok":true}` (Slack's chat.postMessage reads
 * `ok`), or as queued with {@link WebhookSink.respondWith} — an error status, a delay. It is
 * also a forward HTTP proxy (absolute URIs and CONNECT tunnels), for Provider proxy tests.
 * `GET /_sink/requests` lists what it recorded, `DELETE /_sink/requests` clears it, for people
 * trying the demo by hand.
 */
export async function startWebhookSink(options: WebhookSinkOptions = {}): Promise<WebhookSink> {
  const host = options.host ?? '127.0.0.1';
  const port = await freePort(options.port, host);
  const recorded: SinkRequest[] = [];
  const behaviours: SinkBehaviour[] = [];
  const waiters = new Set<() => void>();
  const max = options.maxRequests ?? 1000;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const record = (entry: SinkRequest): void => {
    recorded.push(entry);
    if (recorded.length > max) recorded.shift();
    for (const wake of [...waiters]) wake();
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size < maxBody) chunks.push(chunk.subarray(0, maxBody - size));
      size += chunk.length;
    });
    req.on('end', () => void answer(req, res, Buffer.concat(chunks).toString('utf8')));
  };
  const answer = async (req: IncomingMessage, res: ServerResponse, body: string): Promise<void> => {
    const path = req.url ?? '/';
    if (options.tls?.clientCa && (req.socket as TLSSocket).authorized !== true) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('no valid client certificate\n');
      return;
    }
    if (path === '/_sink/requests') {
      if (req.method === 'DELETE') recorded.splice(0);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(recorded));
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    record({
      method: req.method ?? 'GET',
      path,
      headers,
      body,
      proxied: /^https?:\/\//.test(path),
      at: new Date().toISOString(),
    });
    const index = behaviours.findIndex((b) => b.path === undefined || b.path === path);
    const behaviour = index >= 0 ? behaviours[index] : undefined;
    if (behaviour?.times !== undefined && --behaviour.times <= 0) behaviours.splice(index, 1);
    if (behaviour?.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
    if (res.destroyed) return;
    res
      .writeHead(behaviour?.status ?? 200, { 'content-type': 'application/json', ...behaviour?.headers })
      .end(behaviour?.body ?? '{"ok":true}');
  };
  const tls = options.tls;
  const server: Server = tls
    ? createHttpsServer(
        {
          cert: tls.cert,
          key: tls.key,
          ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: false } : {}),
        },
        handler,
      )
    : createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v ?? '')]));
    record({
      method: 'CONNECT',
      path: authority,
      headers,
      body: '',
      proxied: true,
      at: new Date().toISOString(),
    });
    const [targetHost, targetPort] = [
      authority.slice(0, authority.lastIndexOf(':')),
      authority.slice(authority.lastIndexOf(':') + 1),
    ];
    const upstream = connect(Number(targetPort), targetHost, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await listen(server, port, host);
  const url = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
  return {
    url,
    port,
    requests: () => [...recorded],
    clear: () => void recorded.splice(0),
    respondWith: (behaviour) => void behaviours.push({ ...behaviour }),
    waitFor: (count, filter = () => true, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const hits = recorded.filter(filter);
          if (hits.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hits);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `webhook sink: ${recorded.filter(filter).length}/${count} requests after ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
