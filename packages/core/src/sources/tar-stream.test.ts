import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArtifactStore } from './artifact-store.js';
import { directoryEntries, directoryListing } from './directory-entries.js';
import { readTarGz } from './tar-reader.js';
import { writeTarGzFile } from './tar-stream.js';
import { packTarGz } from './tar-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'tideline-tar-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tree(root: string): string {
  mkdirSync(join(root, 'apps', 'deep'), { recursive: true });
  writeFileSync(join(root, 'b.yaml'), 'kind: B\n');
  writeFileSync(join(root, 'apps', 'a.yaml'), 'kind: A\n'.repeat(5000));
  writeFileSync(join(root, 'apps', 'deep', `${'x'.repeat(120)}.yaml`), 'long: name\n');
  writeFileSync(join(root, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(join(root, 'empty'), '');
  return root;
}

describe('writeTarGzFile', () => {
  it('writes the very bytes packTarGz makes, with their digest and size', async () => {
    const root = tree(join(dir, 'src'));
    const dest = join(dir, 'out.tar.gz');
    const written = await writeTarGzFile(await directoryListing(root), dest);
    const expected = packTarGz(await directoryEntries(root));
    const actual = readFileSync(dest);
    expect(actual.equals(expected)).toBe(true);
    expect(written).toEqual({
      digest: `sha256:${createHash('sha256').update(actual).digest('hex')}`,
      size: actual.length,
    });
    expect(readTarGz(actual).map((e) => e.path)).toEqual([
      'apps',
      'apps/a.yaml',
      'apps/deep',
      `apps/deep/${'x'.repeat(120)}.yaml`,
      'b.yaml',
      'empty',
      'run.sh',
    ]);
  });

  it('fails when a file shrank after it was listed', async () => {
    const root = tree(join(dir, 'shrink'));
    const listed = await directoryListing(root);
    writeFileSync(join(root, 'b.yaml'), 'k');
    await expect(writeTarGzFile(listed, join(dir, 'shrunk.tar.gz'))).rejects.toThrow(
      "file 'b.yaml' changed while it was archived",
    );
  });
});

describe('ArtifactStore retention', () => {
  it('stores streamed archives atomically and collects old ones by TTL and records', async () => {
    const store = new ArtifactStore(join(dir, 'store'), 'http://artifacts', { records: 2, ttlMs: 60_000 });
    const root = tree(join(dir, 'retained'));
    const listed = await directoryListing(root);
    const at = (name: string) => `gitrepository/default/app/${name}.tar.gz`;
    const stored = [];
    for (const name of ['a', 'b', 'c', 'd'])
      stored.push(
        await store.storeWritten(at(name), (tmp) => writeTarGzFile(listed, tmp), `main@sha1:${name}`),
      );
    const current = stored[3];
    if (!current) throw new Error('nothing stored');
    expect(await store.verify(current)).toBe(true);
    const age = (name: string, seconds: number) => {
      const t = (Date.now() - seconds * 1000) / 1000;
      utimesSync(store.resolve(at(name)), t, t);
    };
    age('a', 40);
    age('b', 30);
    age('c', 20);
    expect(await store.garbageCollect(current)).toEqual([at('a'), at('b')]);
    age('c', 120);
    age('d', 300); // the current artifact is never collected, however old
    expect(await store.garbageCollect(current)).toEqual([at('c')]);
    expect(['a', 'b', 'c', 'd'].map((n) => existsSync(store.resolve(at(n))))).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
});
