import { createReadStream } from 'node:fs';
import { mkdir, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { freePort } from '../ports.js';
import { resolveChartRequestPath } from './chart-request-path.js';
import { listen } from '../listen.js';

/** Options for {@link startChartRepository}. */
export interface ChartRepositoryOptions {
  /** Folder with `index.yaml` and the chart archives; created if missing. */
  root: string;
  /** Preferred port; another free one is used when it is taken. */
  port?: number;
  host?: string;
}

/** A running Helm chart repository (a static HTTP server). */
export interface ChartRepository {
  /** `http://127.0.0.1:PORT`, no trailing slash: the repository URL for Helm and HelmRepository. */
  url: string;
  port: number;
  /** Absolute path of the served folder. */
  root: string;
  /** Closes the listener and drops open connections; safe to call twice. */
  stop(): Promise<void>;
}

/** Serves `index.yaml` and `*.tgz` below `root` over HTTP (GET and HEAD only). */
export async function startChartRepository(options: ChartRepositoryOptions): Promise<ChartRepository> {
  const root = resolve(options.root);
  await mkdir(root, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const port = await freePort(options.port, host);
  const server = createServer((req, res) => {
    serveChartFile(root, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await listen(server, port, host);
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    root,
    stop: () =>
      (stopped ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      })),
  };
}

async function serveChartFile(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const target = resolveChartRequestPath(req.url);
  if (target.kind === 'reject') {
    res.writeHead(target.status, { 'content-type': 'text/plain' }).end(`${target.status}\n`);
    return;
  }
  const file = await confinedFile(root, join(root, ...target.segments));
  if (file === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('404\n');
    return;
  }
  res.writeHead(200, {
    'content-type': target.contentType,
    'content-length': file.size,
    'last-modified': file.mtime.toUTCString(),
    // index.yaml changes whenever charts are published; always revalidate.
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(file.path), res);
}

/** The regular file at `candidate` if it really lies under `root` once symlinks are resolved. */
async function confinedFile(
  root: string,
  candidate: string,
): Promise<{ path: string; size: number; mtime: Date } | undefined> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!realFile.startsWith(realRoot + sep)) return undefined;
    const info = await stat(realFile);
    return info.isFile() ? { path: realFile, size: info.size, mtime: info.mtime } : undefined;
  } catch {
    return undefined;
  }
}
