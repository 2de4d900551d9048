import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FLUX_MEDIA_TYPES,
  ProcessSupervisor,
  pushOciArtifact,
  startRegistry,
  type Registry,
} from '../../testing/sandbox.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Digest } from '../artifact-store.js';
import { OciRegistryClient, type OciClientOptions } from './registry-client.js';
import { OciRegistryError } from './registry-error.js';

const LOGIN = { username: 'puller', password: 'pull-secret-123' };
const supervisor = new ProcessSupervisor();
let scratch: string;
let open: Registry;
let locked: Registry;
let tokenProxy: Server;
let proxyHost = '';
const tokenRequests: URLSearchParams[] = [];
const layer = Buffer.from('layer bytes '.repeat(100));

/**
 * A bearer-token front for the open registry, as Docker Hub or GHCR authenticate: requests without
 * the token get a `Bearer` challenge; `/token` hands the token out for the right basic login; the
 * rest is forwarded to the real registry.
 */
function startTokenProxy(upstream: string): Promise<Server> {
  const token = 'tok-0123456789';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname === '/token') {
        tokenRequests.push(url.searchParams);
        const expected = `Basic ${Buffer.from(`${LOGIN.username}:${LOGIN.password}`).toString('base64')}`;
        res.writeHead(req.headers.authorization === expected ? 200 : 401, {
          'content-type': 'application/json',
        });
        res.end(req.headers.authorization === expected ? JSON.stringify({ token }) : '{}');
        return;
      }
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="http://${req.headers.host}/token",service="tideline-test"`,
        });
        res.end();
        return;
      }
      if (url.pathname.endsWith('/tags/list') && url.searchParams.has('n')) {
        servePage(
          res,
          url,
          (await (await fetch(`http://${upstream}${url.pathname}`)).json()) as {
            name: string;
            tags: string[];
          },
        );
        return;
      }
      const answer = await fetch(`http://${upstream}${url.pathname}${url.search}`, {
        method: req.method,
        headers: { accept: req.headers.accept ?? '*/*' },
      });
      const headers: Record<string, string> = {};
      answer.headers.forEach((value, key) => {
        if (!['content-encoding', 'transfer-encoding', 'connection'].includes(key)) headers[key] = value;
      });
      res.writeHead(answer.status, headers);
      res.end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Distribution 2.8 (the sandbox's) ignores `?n=`; v3 and the big registries page the tag list
 * with `n`, `last` and a `Link: <…>; rel="next"` header. The front pages the real list that way.
 */
function servePage(res: ServerResponse, url: URL, all: { name: string; tags: string[] }): void {
  const n = Number(url.searchParams.get('n'));
  const sorted = [...all.tags].sort();
  const last = url.searchParams.get('last');
  const start = last ? sorted.indexOf(last) + 1 : 0;
  const page = sorted.slice(start, start + n);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (start + n < sorted.length)
    headers.link = `<${url.pathname}?n=${n}&last=${page[page.length - 1]}>; rel="next"`;
  res.writeHead(200, headers);
  res.end(JSON.stringify({ name: all.name, tags: page }));
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

function client(
  registry: string,
  repository: string,
  extra: Partial<OciClientOptions> = {},
): OciRegistryClient {
  return new OciRegistryClient({
    address: { registry, repository },
    insecure: true,
    signal: AbortSignal.timeout(10_000),
    ...extra,
  });
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'tideline-oci-client-'));
  open = await startRegistry({
    dataDir: join(scratch, 'open'),
    supervisor,
    logFile: join(scratch, 'open.log'),
  });
  locked = await startRegistry({
    dataDir: join(scratch, 'locked'),
    supervisor,
    logFile: join(scratch, 'locked.log'),
    htpasswd: LOGIN,
  });
  for (const tag of ['1.0.0', '1.1.0', '1.2.0', '2.0.0', 'latest']) {
    await pushOciArtifact({
      host: open.host,
      repository: 'team/app',
      tag,
      layers: [{ mediaType: FLUX_MEDIA_TYPES.content, data: Buffer.from(tag) }],
    });
  }
  await pushOciArtifact({
    host: open.host,
    repository: 'team/blob',
    tag: 'v1',
    layers: [{ mediaType: FLUX_MEDIA_TYPES.content, data: layer }],
  });
  await pushOciArtifact({
    host: locked.host,
    repository: 'team/app',
    tag: 'v1',
    auth: LOGIN,
    layers: [{ mediaType: FLUX_MEDIA_TYPES.content, data: layer }],
  });
  tokenProxy = await startTokenProxy(open.host);
  const address = tokenProxy.address();
  proxyHost = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 60_000);

afterAll(async () => {
  tokenProxy?.close();
  await supervisor.stopAll();
  await rm(scratch, { recursive: true, force: true });
});

describe('OciRegistryClient against the sandbox registry', () => {
  it('lists every tag, across pages when the registry pages', async () => {
    expect((await client(open.host, 'team/app').listTags()).sort()).toEqual([
      '1.0.0',
      '1.1.0',
      '1.2.0',
      '2.0.0',
      'latest',
    ]);
    const paged = client(proxyHost, 'team/app', { tagPageSize: 2, login: LOGIN });
    expect(await paged.listTags()).toEqual(['1.0.0', '1.1.0', '1.2.0', '2.0.0', 'latest']);
    await expect(
      client(proxyHost, 'team/app', { tagPageSize: 2, maxTagPages: 2, login: LOGIN }).listTags(),
    ).rejects.toThrow('tag list has more than 2 pages');
  });

  it('resolves a tag to the digest of the manifest it fetches', async () => {
    const c = client(open.host, 'team/app');
    const digest = await c.resolveTag('1.1.0');
    const manifest = await c.fetchManifest(digest);
    expect(manifest.digest).toBe(digest);
    expect(manifest.config?.mediaType).toBe(FLUX_MEDIA_TYPES.config);
    expect(manifest.layers.map((l) => l.mediaType)).toEqual([FLUX_MEDIA_TYPES.content]);
  });

  it('downloads a blob within its cap and checks its digest; refuses more bytes than allowed', async () => {
    const c = client(open.host, 'team/blob');
    const manifest = await c.fetchManifest('v1');
    const descriptor = manifest.layers[0]!;
    expect(sha256Digest(await c.fetchBlob(descriptor, layer.length))).toBe(descriptor.digest);
    await expect(c.fetchBlob(descriptor, layer.length - 1)).rejects.toThrow(
      `exceeds the maximum of ${layer.length - 1} bytes`,
    );
    // A descriptor that understates the size is still cut off while streaming.
    await expect(c.fetchBlob({ ...descriptor, size: 10 }, 100)).rejects.toThrow(
      `layer ${descriptor.digest} exceeds the maximum of 100 bytes`,
    );
  });

  it('answers a Basic challenge with the login, and says UNAUTHORIZED without one', async () => {
    const digest = await client(locked.host, 'team/app', { login: LOGIN }).resolveTag('v1');
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const refused = await client(locked.host, 'team/app')
      .resolveTag('v1')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OciRegistryError);
    expect((refused as OciRegistryError).kind).toBe('unauthorized');
    expect((refused as Error).message).toBe(
      `GET http://${locked.host}/v2/team/app/manifests/v1: UNAUTHORIZED: authentication required`,
    );
  });

  it('fetches a bearer token from the realm with the login, scoped to the repository', async () => {
    tokenRequests.length = 0;
    const c = client(proxyHost, 'team/blob', { login: LOGIN });
    const manifest = await c.fetchManifest('v1');
    expect(sha256Digest(await c.fetchBlob(manifest.layers[0]!, 1024 * 1024))).toBe(
      manifest.layers[0]?.digest,
    );
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]?.get('service')).toBe('tideline-test');
    expect(tokenRequests[0]?.get('scope')).toBe('repository:team/blob:pull');
    const wrong = await client(proxyHost, 'team/blob', { login: { username: 'x', password: 'nope-secret' } })
      .fetchManifest('v1')
      .catch((e: unknown) => e);
    expect((wrong as OciRegistryError).kind).toBe('unauthorized');
    expect((wrong as Error).message).not.toContain('nope-secret');
  });

  it('gives up on a blob that starts and never finishes, at the deadline', async () => {
    const stalling = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write('partial'); // and nothing more
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const address = stalling.address();
    const host = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const started = Date.now();
    try {
      const c = client(host, 'team/app', { signal: AbortSignal.timeout(1000) });
      const error = await c
        .fetchBlob(
          { mediaType: FLUX_MEDIA_TYPES.content, digest: sha256Digest(layer), size: layer.length },
          1024 * 1024,
        )
        .catch((e: unknown) => e);
      expect((error as Error).message).toBe(
        `reading layer ${sha256Digest(layer)} from http://${host}/v2/team/app/blobs/${sha256Digest(layer)}: context deadline exceeded`,
      );
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      stalling.closeAllConnections();
      stalling.close();
    }
  });

  it('follows redirects only to http(s), and never carries the login to another origin', async () => {
    const seen: (string | undefined)[] = [];
    const other = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'docker-content-digest': `sha256:${'c'.repeat(64)}` });
      res.end();
    });
    const redirector = createServer((req, res) => {
      if (!req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' });
        res.end();
        return;
      }
      const target = req.url?.includes('/manifests/file')
        ? 'file:///etc/passwd'
        : `http://localhost:${portOf(other)}/elsewhere`;
      res.writeHead(307, { location: target });
      res.end();
    });
    for (const server of [other, redirector])
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const c = client(`127.0.0.1:${portOf(redirector)}`, 'team/app', { login: LOGIN });
      expect(await c.resolveTag('v1')).toBe(`sha256:${'c'.repeat(64)}`);
      expect(seen).toEqual([undefined]);
      await expect(c.resolveTag('file')).rejects.toThrow('refusing file without insecure: true');
    } finally {
      for (const server of [other, redirector]) server.close();
    }
  });

  it('reports an unreachable registry with the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((resolve) => closed.close(resolve));
    const error = await client(`127.0.0.1:${port}`, 'team/app')
      .resolveTag('v1')
      .catch((e: unknown) => e);
    expect((error as OciRegistryError).kind).toBe('network');
    expect((error as Error).message).toBe(
      `GET http://127.0.0.1:${port}/v2/team/app/manifests/v1: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });
});
