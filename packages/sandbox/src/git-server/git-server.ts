import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join, resolve } from 'node:path';

import { killChildren } from '../processes.js';
import { freePort } from '../ports.js';
import { ensureBareRepository } from './bare-repository.js';
import {
  BASIC_REALM_CHALLENGE,
  credentialsMatch,
  parseBasicAuthorization,
  type BasicCredentials,
} from './basic-auth.js';
import { buildCgiEnv } from './cgi-env.js';
import { runHttpBackend } from './http-backend.js';
import { announcePush, readRefs } from './push-webhook.js';
import { parseGitRequestTarget } from './request-target.js';
import { listen } from '../listen.js';

/** Options for {@link startGitServer}. */
export interface GitServerOptions {
  /** Folder holding the bare repositories (`<root>/<name>.git`); created if missing. */
  root: string;
  /** Preferred port; another free one is used when it is taken. */
  port?: number;
  host?: string;
  /** When set, every request must carry these basic-auth credentials. */
  auth?: BasicCredentials;
  /** Largest request body accepted; 512 MiB by default. */
  maxBodyBytes?: number;
  /** A request still running after this long is killed; 5 minutes by default. */
  requestTimeoutMs?: number;
  /** Defaults to Debian's `/usr/lib/git-core/git-http-backend`. */
  httpBackendPath?: string;
  /** Serve HTTPS with this certificate instead of plain HTTP. */
  tls?: GitServerTls;
}

/** HTTPS settings: the server certificate, and optionally a CA whose client certificates are required. */
export interface GitServerTls {
  cert: string;
  key: string;
  /** When set, every client must present a certificate signed by this CA (mutual TLS). */
  clientCa?: string;
}

/** A running smart-HTTP git server. */
export interface GitServer {
  /** `http://127.0.0.1:PORT` (`https://` with TLS), no trailing slash. */
  url: string;
  port: number;
  /** Absolute path of the repositories folder. */
  root: string;
  /** Makes (or reuses) a bare repository and returns its clone URL. */
  createRepository(name: string): Promise<string>;
  /** Closes the listener, drops connections and kills running backends; safe to call twice. */
  stop(): Promise<void>;
}

const DEFAULT_BACKEND = '/usr/lib/git-core/git-http-backend';
const DEFAULT_MAX_BODY = 512 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

/** Starts a Node HTTP server in front of `git http-backend`, serving clone, fetch and push. */
export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  const root = resolve(options.root);
  await mkdir(root, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const port = await freePort(options.port, host);
  const scheme = options.tls ? 'https' : 'http';
  const url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const children = new Set<ChildProcess>();
  const handle = requestHandler({ ...options, root, children });
  const server: Server = options.tls
    ? createHttpsServer(httpsOptions(options.tls), handle)
    : createServer(handle);
  // Node's own limit is only a backstop: the per-request timer answers 504 and kills the backend first.
  server.requestTimeout = (options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS) + 5000;
  await listen(server, port, host);
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    root,
    createRepository: async (name) => `${url}/${await ensureBareRepository(root, name)}.git`,
    stop: () => (stopped ??= stopServer(server, children)),
  };
}

type HttpsOptions = {
  cert: string;
  key: string;
  ca?: string;
  requestCert: boolean;
  rejectUnauthorized: boolean;
};

/**
 * Node TLS options. With a client CA the server asks for a certificate but, like nginx's
 * `ssl_verify_client on`, finishes the handshake and answers 400 to a client without a valid
 * one (see {@link requestHandler}): a rejection inside the TLS handshake reaches curl as an
 * alert, a reset or a broken pipe, at random, which no test can rely on.
 */
function httpsOptions(tls: GitServerTls): HttpsOptions {
  if (!tls.clientCa) return { cert: tls.cert, key: tls.key, requestCert: false, rejectUnauthorized: false };
  return { cert: tls.cert, key: tls.key, ca: tls.clientCa, requestCert: true, rejectUnauthorized: false };
}

/** Whether the request came over TLS with a client certificate that verified against the client CA. */
function hasVerifiedClientCertificate(req: IncomingMessage): boolean {
  return (req.socket as TLSSocket).authorized === true;
}

function requestHandler(
  options: GitServerOptions & { root: string; children: Set<ChildProcess> },
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return (req, res) => {
    if (options.tls?.clientCa && !hasVerifiedClientCertificate(req)) {
      res
        .writeHead(400, { 'content-type': 'text/plain', connection: 'close' })
        .end('no valid client certificate\n');
      return;
    }
    const credentials = parseBasicAuthorization(req.headers.authorization);
    if (options.auth && !credentialsMatch(credentials, options.auth)) {
      res.writeHead(401, { 'www-authenticate': BASIC_REALM_CHALLENGE, 'content-type': 'text/plain' });
      res.end('authentication required\n');
      return;
    }
    const target = parseGitRequestTarget(req.url);
    if (target === undefined) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request path\n');
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      res
        .writeHead(413, { 'content-type': 'text/plain', connection: 'close' })
        .end('request body too large\n');
      return;
    }
    const env = buildCgiEnv({
      projectRoot: options.root,
      method: req.method ?? 'GET',
      target,
      headers: req.headers,
      ...(options.auth && credentials ? { remoteUser: credentials.username } : {}),
      ...(req.socket.remoteAddress ? { remoteAddr: req.socket.remoteAddress } : {}),
      path: process.env['PATH'] ?? '/usr/bin:/bin',
    });
    const push = pushedRepository(options.root, req.method, target.pathInfo);
    const before = push ? readRefs(push).catch(() => new Map<string, string>()) : undefined;
    const child = runHttpBackend(req, res, {
      backendPath: options.httpBackendPath ?? DEFAULT_BACKEND,
      env,
      maxBodyBytes,
      timeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    options.children.add(child);
    child.once('close', (code) => {
      options.children.delete(child);
      if (push && before && code === 0) {
        const host = req.headers.host ?? '127.0.0.1';
        const cloneUrl = `${options.tls ? 'https' : 'http'}://${host}${target.pathInfo.replace(/\/git-receive-pack$/, '')}`;
        void before.then((refs) => announcePush(push, cloneUrl, refs));
      }
    });
  };
}

/** The bare repository a `POST …/git-receive-pack` (a push) writes to, or undefined. */
function pushedRepository(root: string, method: string | undefined, pathInfo: string): string | undefined {
  if (method !== 'POST' || !pathInfo.endsWith('/git-receive-pack')) return undefined;
  return join(root, pathInfo.slice(1, -'/git-receive-pack'.length));
}

async function stopServer(server: Server, children: Set<ChildProcess>): Promise<void> {
  const closed = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  server.closeAllConnections();
  await killChildren(children);
  await closed;
}
