import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { buildMinimalImage } from './minimal-image.js';
import { pushImageManifest } from './push-image.js';

/**
 * Tags one image many times on the sandbox registry: the blobs go up once, then one manifest
 * PUT per tag (what `crane tag` does), 16 at a time.
 */
export async function pushManyTags(host: string, repository: string, tags: readonly string[]): Promise<void> {
  const content = `${repository}:bulk`;
  const image = buildMinimalImage(content);
  await pushImageManifest({ host, repository, tag: tags[0] ?? 'bulk', content });
  const rest = tags.slice(1);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < rest.length) {
      const tag = rest[next++] ?? '';
      const response = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, {
        method: 'PUT',
        headers: { 'content-type': image.manifest.mediaType },
        body: image.manifest.data,
      });
      await response.body?.cancel();
      if (response.status !== 201) throw new Error(`tagging ${tag}: HTTP ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** A front that pages `/tags/list` as registries with pagination do (`n`, `last`, `Link`), counting pages. */
export interface PagingFront {
  server: Server;
  host: string;
  /** Tag-list pages served so far. */
  pages: number;
  stop(): Promise<void>;
}

/**
 * Starts a paging front to a registry that returns every tag at once (distribution 2.8 ignores
 * `n`): `/tags/list` is answered a page at a time with a `Link: <…>; rel="next"` header, at most
 * `pageSize` tags whatever `n` asks; everything else is forwarded.
 */
export function startPagingFront(upstream: string, pageSize: number): Promise<PagingFront> {
  const front = { pages: 0 } as PagingFront;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://front');
    const upstreamResponse = await fetch(`http://${upstream}${url.pathname}`, { method: req.method });
    if (!url.pathname.endsWith('/tags/list') || upstreamResponse.status !== 200) {
      res.writeHead(upstreamResponse.status, {
        'content-type': upstreamResponse.headers.get('content-type') ?? '',
      });
      res.end(Buffer.from(await upstreamResponse.arrayBuffer()));
      return;
    }
    const all = (await upstreamResponse.json()) as { name: string; tags: string[] };
    const sorted = [...all.tags].sort();
    const last = url.searchParams.get('last');
    const start = last === null ? 0 : sorted.findIndex((t) => t > last);
    const n = Math.min(pageSize, Number(url.searchParams.get('n') ?? pageSize));
    const page = start < 0 ? [] : sorted.slice(start, start + n);
    front.pages += 1;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (start >= 0 && start + n < sorted.length)
      headers.link = `<${url.pathname}?n=${n}&last=${page[page.length - 1] ?? ''}>; rel="next"`;
    res.writeHead(200, headers);
    res.end(JSON.stringify({ name: all.name, tags: page }));
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  front.server = server;
  front.stop = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      front.host = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      resolve(front);
    }),
  );
}
