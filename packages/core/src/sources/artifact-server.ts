import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { ArtifactStore } from './artifact-store.js';

/** A running artifact server. */
export interface ArtifactServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves the artifact store over HTTP, read-only, on loopback by default (the only consumers
 * are this engine's own appliers). Paths outside the store answer 404.
 */
export async function startArtifactServer(
  store: ArtifactStore,
  options: { host?: string; port?: number } = {},
): Promise<ArtifactServer> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let file: string;
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
      file = store.resolve(path);
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
  return {
    url: `http://${host}:${port}`,
    port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
