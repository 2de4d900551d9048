import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { ArtifactStore } from './artifact-store.js';

/** A running artifact server. */
export interface ArtifactServer {
  /** Base URL of the artifacts, secret prefix included: `http://127.0.0.1:<port>/<secret>`. */
  url: string;
  /** `http://127.0.0.1:<port>`, without the secret: safe to log. */
  origin: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The first path segment when it equals `secret`, compared in constant time; the rest of the
 * path (the storage path) is returned, or undefined when the prefix is missing or wrong. Pure.
 */
export function stripSecretPrefix(pathname: string, secret: string): string | undefined {
  const match = /^\/([^/]*)\/(.*)$/.exec(pathname);
  if (!match) return undefined;
  const given = Buffer.from(match[1] ?? '');
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return match[2];
}

/**
 * Serves the artifact store over HTTP, read-only, on 127.0.0.1 only. Flux serves artifacts
 * unauthenticated inside the cluster network; here the port is on the loopback of a possibly
 * shared machine, so every URL carries a per-process secret prefix (256 random bits) that only
 * the engine knows and writes into `status.artifact.url`: whoever can read a source's status can
 * fetch its artifact, as in Flux, and nobody else. A missing or wrong prefix, and any path
 * outside the store, answers 404.
 */
export async function startArtifactServer(
  store: ArtifactStore,
  options: { port?: number; secret?: string } = {},
): Promise<ArtifactServer> {
  const host = '127.0.0.1';
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let file: string;
    try {
      const path = stripSecretPrefix(new URL(req.url ?? '/', 'http://x').pathname, secret);
      if (path === undefined) throw new Error('no secret');
      file = store.resolve(decodeURIComponent(path).replace(/^\/+/, ''));
    } catch {
      res.writeHead(404).end();
      return;
    }
    stat(file).then(
      (info) => {
        if (!info.isFile()) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': info.size });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://${host}:${port}`;
  return {
    url: `${origin}/${secret}`,
    origin,
    port,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets of consumers would hold close() open for seconds.
        server.closeIdleConnections();
      }),
  };
}
