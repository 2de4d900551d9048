import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadArtifact } from './artifact-fetch.js';
import { startArtifactServer, stripSecretPrefix, type ArtifactServer } from './artifact-server.js';
import { ArtifactStore } from './artifact-store.js';

/** GET with the path exactly as written (fetch would normalize `..`). */
function rawStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('stripSecretPrefix', () => {
  it.each([
    ['/s3cret/gitrepository/ns/name/a.tar.gz', 'gitrepository/ns/name/a.tar.gz'],
    ['/s3cret/', ''],
    ['/s3cret', undefined],
    ['/gitrepository/ns/name/a.tar.gz', undefined],
    ['/s3creT/gitrepository/ns/name/a.tar.gz', undefined],
    ['/s3cret0/gitrepository/ns/name/a.tar.gz', undefined],
    ['//s3cret/gitrepository/ns/name/a.tar.gz', undefined],
    ['/', undefined],
  ])('%s → %s', (path, rest) => expect(stripSecretPrefix(path, 's3cret')).toBe(rest));
});

describe('artifact server', () => {
  const data = Buffer.from('artifact bytes');
  const path = 'gitrepository/flux-system/app/abc.tar.gz';
  let store: ArtifactStore;
  let server: ArtifactServer;

  beforeAll(async () => {
    store = new ArtifactStore(join(mkdtempSync(join(tmpdir(), 'artifact-server-')), 'artifacts'), '');
    server = await startArtifactServer(store);
    store.baseUrl = server.url;
    await store.store(path, data, 'main@sha1:abc');
  });
  afterAll(() => server.stop());

  it('listens on loopback only, with a secret prefix of 256 random bits in every URL', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toMatch(new RegExp(`^${server.origin}/[A-Za-z0-9_-]{43}$`));
  });

  it('serves an artifact at the URL it writes into status, and consumers fetch it', async () => {
    const artifact = await store.store(path, data, 'main@sha1:abc');
    expect(artifact.url).toBe(`${server.url}/${path}`);
    expect((await fetch(artifact.url)).status).toBe(200);
    expect(await downloadArtifact(artifact)).toEqual(data);
  });

  it('refuses a request without the secret, or with a wrong one, as 404', async () => {
    const secret = server.url.slice(server.origin.length + 1);
    const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const url of [
      `${server.origin}/${path}`,
      `${server.origin}/${wrong}/${path}`,
      `${server.origin}/${secret}x/${path}`,
    ]) {
      const res = await fetch(url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect(await res.text()).toBe('');
    }
  });

  it('keeps the store confinement behind the prefix (raw paths, not normalized by a client)', async () => {
    const secret = server.url.slice(server.origin.length + 1);
    for (const raw of [`/${secret}/../../../etc/passwd`, `/${secret}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`]) {
      expect(await rawStatus(server.port, raw)).toBe(404);
    }
  });

  it('answers other methods 405', async () => {
    expect((await fetch(`${server.url}/${path}`, { method: 'POST' })).status).toBe(405);
  });

  it('a restarted server has a new secret: old URLs stop working', async () => {
    const again = await startArtifactServer(store);
    try {
      expect(again.url).not.toBe(server.url);
      expect((await fetch(`${again.origin}/${server.url.split('/').pop() ?? ''}/${path}`)).status).toBe(404);
      expect((await fetch(`${again.url}/${path}`)).status).toBe(200);
    } finally {
      await again.stop();
    }
  });
});
