import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

import { tarSingleFile } from './tar-file.js';

const run = promisify(execFile);

describe('tarSingleFile', () => {
  it.each([
    ['empty file', ''],
    ['short text', 'hello\n'],
    ['exactly one block', 'x'.repeat(512)],
    ['more than one block', 'y'.repeat(1300)],
  ])('is read back by GNU tar: %s', async (_name, text) => {
    const dir = await mkdtemp(join(tmpdir(), 'tideline-tar-'));
    try {
      const archive = join(dir, 'layer.tar');
      await writeFile(archive, tarSingleFile('tideline-image.txt', Buffer.from(text)));
      const listing = await run('tar', ['-tvf', archive]);
      expect(listing.stdout).toMatch(/^-rw-r--r-- 0\/0 +\d+ 1970-01-01 00:00 tideline-image\.txt$/m);
      const extracted = await run('tar', ['-xOf', archive, 'tideline-image.txt']);
      expect(extracted.stdout).toBe(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is block-aligned and deterministic', () => {
    const a = tarSingleFile('a.txt', Buffer.from('abc'));
    expect(a.length % 512).toBe(0);
    expect(a.length).toBe(512 + 512 + 1024);
    expect(a.equals(tarSingleFile('a.txt', Buffer.from('abc')))).toBe(true);
  });

  it.each([[''], ['n'.repeat(101)], ['a\0b']])('rejects the name %j', (name) => {
    expect(() => tarSingleFile(name, Buffer.alloc(0))).toThrow(RangeError);
  });
});
