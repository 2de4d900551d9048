import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArtifactStore } from './artifact-store.js';

const root = mkdtempSync(join(tmpdir(), 'tideline-fetch-url-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('where a consumer fetches an artifact', () => {
  const store = new ArtifactStore(root, 'http://127.0.0.1:1111/own-secret');
  const path = 'gitrepository/default/app/abc.tar.gz';
  const elsewhere = `http://127.0.0.1:2222/other-secret/${path}`;

  it('uses the status URL for an artifact another engine stored (a source of another shard)', () => {
    expect(store.fetchUrl({ path, url: elsewhere })).toBe(elsewhere);
  });

  it('uses its own server, at its current address, for an artifact it holds', async () => {
    await store.store(path, Buffer.from('x'), 'main@sha1:abc');
    expect(store.fetchUrl({ path, url: elsewhere })).toBe(`http://127.0.0.1:1111/own-secret/${path}`);
  });

  it('never resolves a path outside its root to a local file', () => {
    const url = 'http://127.0.0.1:2222/s/../../etc/passwd';
    expect(store.fetchUrl({ path: '../../etc/passwd', url })).toBe(url);
  });
});
