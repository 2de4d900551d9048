import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { assertHostAllowed, guardedLookup } from './address-lookup.js';
import type { AddressPolicy } from './address-policy.js';

/**
 * A forward proxy on loopback that lets a subprocess (kustomize fetching remote bases, the git
 * it runs) reach only what the address policy allows: `CONNECT host:port` for HTTPS and
 * absolute-form requests for HTTP, each resolved and connected to at the address checked.
 * What it refused is kept, so the caller can say why a build failed.
 *
 * Its limit: Go's `ProxyFromEnvironment` never proxies `localhost` or a literal loopback
 * address. Literal hosts in the artifact are checked before kustomize runs; a remote base that
 * itself names a literal loopback URL would still be fetched directly.
 */
export interface PolicyProxy {
  /** `http://127.0.0.1:<port>`, for `HTTP_PROXY`/`HTTPS_PROXY`. */
  url: string;
  /** Why each refused destination was refused, in order. */
  refused: string[];
  close(): Promise<void>;
}

/** Idle connections through the proxy are cut after this long. */
const IDLE_TIMEOUT_MS = 60_000;

const HOP_BY_HOP = new Set(['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive']);

function splitHostPort(target: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(target);
  if (!match?.[1] || !match[2]) return undefined;
  return { host: match[1], port: Number(match[2]) };
}

function refuse(socket: Duplex, status: string, message: string): void {
  socket.end(`HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${message}\n`);
}

/** What both handlers share: the policy, its lookup, the refusals, the open sockets. */
interface ProxyState {
  policy: AddressPolicy;
  lookup: ReturnType<typeof guardedLookup>;
  refused: string[];
  track(socket: Duplex): void;
}

/** An absolute-form `GET http://host/…`: forwarded when the host is allowed. */
function forward(state: ProxyState, req: IncomingMessage, res: ServerResponse): void {
  let url: URL;
  try {
    url = new URL(req.url ?? '');
    if (url.protocol !== 'http:') throw new Error(`unsupported scheme ${url.protocol}`);
    assertHostAllowed(url.hostname, state.policy);
  } catch (error) {
    state.refused.push((error as Error).message);
    res.writeHead(403, { 'content-type': 'text/plain' }).end(`${(error as Error).message}\n`);
    return;
  }
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
  const options = { method: req.method, headers, lookup: state.lookup, timeout: IDLE_TIMEOUT_MS };
  const upstream = httpRequest(url, options, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('timeout', () => upstream.destroy(new Error('upstream timed out')));
  upstream.on('error', (error) => {
    state.refused.push(error.message);
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`${error.message}\n`);
  });
  req.pipe(upstream);
}

/** `CONNECT host:port`: a tunnel to the checked address when the host is allowed. */
function tunnel(state: ProxyState, req: IncomingMessage, client: Duplex, head: Buffer): void {
  state.track(client);
  client.on('error', () => client.destroy());
  const target = splitHostPort(req.url ?? '');
  if (!target) return refuse(client, '400 Bad Request', 'CONNECT needs host:port');
  let upstream: Socket;
  try {
    assertHostAllowed(target.host, state.policy);
    upstream = connect({
      host: target.host,
      port: target.port,
      lookup: state.lookup,
      timeout: IDLE_TIMEOUT_MS,
    });
  } catch (error) {
    state.refused.push((error as Error).message);
    return refuse(client, '403 Forbidden', (error as Error).message);
  }
  state.track(upstream);
  upstream.on('timeout', () => upstream.destroy());
  upstream.on('error', (error) => {
    state.refused.push(error.message);
    refuse(client, '403 Forbidden', error.message);
  });
  upstream.on('connect', () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
}

/** Starts a proxy enforcing `policy`; close it when the subprocess is done. */
export async function startPolicyProxy(policy: AddressPolicy): Promise<PolicyProxy> {
  const sockets = new Set<Duplex>();
  const state: ProxyState = {
    policy,
    lookup: guardedLookup(policy),
    refused: [],
    track: (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    },
  };
  const server = createServer((req, res) => forward(state, req, res));
  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) =>
    tunnel(state, req, client, head),
  );
  server.on('connection', state.track);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    refused: state.refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
