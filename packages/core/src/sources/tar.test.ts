import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { paxRecord, tarHeader } from './tar-format.js';
import { readTarGz, safeRelativePath } from './tar-reader.js';
import { packTarGz } from './tar-writer.js';

const entries = [
  { path: 'b.yaml', type: 'file' as const, data: Buffer.from('kind: B\n') },
  { path: 'apps', type: 'dir' as const },
  { path: 'apps/a.yaml', type: 'file' as const, data: Buffer.from('kind: A\n') },
  { path: 'run.sh', type: 'file' as const, executable: true, data: Buffer.from('#!/bin/sh\n') },
  { path: `deep/${'x'.repeat(120)}.yaml`, type: 'file' as const, data: Buffer.from('long: name\n') },
];

describe('normalized tar.gz', () => {
  it('gives identical bytes for the same content in any order', () => {
    expect(packTarGz(entries).equals(packTarGz([...entries].reverse()))).toBe(true);
  });

  it('round-trips through our reader, including PAX long names', () => {
    const read = readTarGz(packTarGz(entries));
    expect(read.map((e) => e.path)).toEqual([
      'apps',
      'apps/a.yaml',
      'b.yaml',
      `deep/${'x'.repeat(120)}.yaml`,
      'run.sh',
    ]);
    expect(read.find((e) => e.path === 'run.sh')?.mode).toBe(0o700);
    expect(read.find((e) => e.path === 'b.yaml')?.mode).toBe(0o600);
  });

  it('is readable by GNU tar with zero mtimes and root ownership', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-test-'));
    const file = join(dir, 'a.tar.gz');
    writeFileSync(file, packTarGz(entries));
    const listing = execFileSync('tar', ['-tvzf', file, '--numeric-owner'], { encoding: 'utf8' });
    expect(listing).toContain('-rw------- 0/0');
    expect(listing).toContain('1970-01-01');
    expect(listing).toContain(`deep/${'x'.repeat(120)}.yaml`);
    execFileSync('tar', ['-xzf', file, '-C', dir]);
    expect(readFileSync(join(dir, 'apps/a.yaml'), 'utf8')).toBe('kind: A\n');
  });

  it('refuses entries that climb out of the root', () => {
    const header = tarHeader({ name: '../../etc/passwd', mode: 0o644, size: 0, type: '0' });
    const evil = gzipSync(Buffer.concat([header, Buffer.alloc(1024)]));
    expect(() => readTarGz(evil)).toThrow(/outside the archive root/);
    expect(() => safeRelativePath('/etc/passwd')).toThrow();
    expect(safeRelativePath('./a/b/')).toBe('a/b');
  });

  it('stops at the byte cap (archive bombs)', () => {
    const big = packTarGz([{ path: 'zeros', type: 'file', data: Buffer.alloc(5 * 1024 * 1024) }]);
    expect(big.length).toBeLessThan(64 * 1024);
    expect(() => readTarGz(big, { maxBytes: 1024 * 1024, maxEntries: 10 })).toThrow(/limit/);
  });

  it('encodes PAX record lengths that count themselves', () => {
    const record = paxRecord('path', 'a'.repeat(95));
    expect(Number(record.toString().split(' ')[0])).toBe(record.length);
  });
});
