import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../testing/fuzz.js';
import { BLOCK } from './tar-format.js';
import { TarError } from './tar-error.js';
import { readTar, readTarGz, type UnpackedEntry, type UnpackLimits } from './tar-reader.js';
import { packTarGz, type TarEntry } from './tar-writer.js';

/** Far above what a few KiB take (microseconds); low enough to catch super-linear work. */
// Far above the few milliseconds a call takes (so a loaded machine cannot fail it), far below a hang.
const TIME_BOUND_MS = 2_000;

// Path segments: mostly plain names, some Unicode; never empty, `.`, `..`, or with `/` or NUL.
const segment = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,30}$/),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
    .filter((s) => !s.includes('/') && !s.includes('\0') && s !== '.' && s !== '..'),
);
const entry: fc.Arbitrary<TarEntry> = fc.record({
  path: fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('/')),
  type: fc.constantFrom('file' as const, 'dir' as const),
  executable: fc.boolean(),
  data: fc.uint8Array({ maxLength: 1500 }).map((bytes) => Buffer.from(bytes)),
});
const tree = fc.uniqueArray(entry, { selector: (e) => e.path, maxLength: 10 });
const limits: fc.Arbitrary<UnpackLimits> = fc.record({
  maxBytes: fc.integer({ min: 0, max: 20_000 }),
  maxEntries: fc.integer({ min: 0, max: 30 }),
});

/** What the reader must give back for what the writer packed: sorted, modes normalized. */
function expected(entries: readonly TarEntry[]): UnpackedEntry[] {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => ({
      path: e.path,
      type: e.type,
      mode: e.type === 'dir' ? 0o750 : e.executable ? 0o700 : 0o600,
      data: e.type === 'file' ? (e.data ?? Buffer.alloc(0)) : Buffer.alloc(0),
    }));
}

/**
 * Runs a read and checks what must hold for any input: only TarError escapes, the time bound,
 * the caps, and only safe relative paths of files and directories come out.
 */
function checkRead(read: () => UnpackedEntry[], caps: UnpackLimits): void {
  const started = performance.now();
  let entries: UnpackedEntry[] = [];
  try {
    entries = read();
  } catch (error) {
    if (!(error instanceof TarError)) throw error;
    expect(['format', 'limit', 'path']).toContain(error.kind);
  }
  expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
  expect(entries.length).toBeLessThanOrEqual(caps.maxEntries);
  expect(entries.reduce((sum, e) => sum + e.data.length, 0)).toBeLessThanOrEqual(caps.maxBytes);
  for (const e of entries) {
    expect(e.path === '' || e.path.startsWith('/') || e.path.split('/').includes('..')).toBe(false);
    expect(['file', 'dir']).toContain(e.type);
    if (e.type === 'dir') expect(e.data.length).toBe(0);
  }
}

/** Rewrites a header block's checksum so that a mutation reaches the field parsers behind it. */
function fixChecksum(tar: Buffer, blockStart: number): void {
  const block = tar.subarray(blockStart, blockStart + BLOCK);
  if (block.length < BLOCK) return;
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
}

type Mutation =
  | { kind: 'byte'; at: number; value: number }
  | { kind: 'field'; block: number; field: number; text: string }
  | { kind: 'cut'; at: number };

// Field writes aimed at the header parsers: signs, non-octal digits, base-256 markers, padding.
const fieldText = fc.stringMatching(/^[-+ 0-9x\0\x80\xff]{1,12}$/);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('field' as const),
    block: fc.nat(),
    field: fc.constantFrom(100, 124, 148, 156, 257),
    text: fieldText,
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);

function mutate(base: Buffer, mutations: readonly Mutation[], fix: boolean): Buffer {
  let tar = Buffer.from(base);
  for (const m of mutations) {
    if (tar.length === 0) break;
    if (m.kind === 'cut') {
      tar = tar.subarray(0, m.at % (tar.length + 1));
      continue;
    }
    const blocks = Math.floor(tar.length / BLOCK);
    if (m.kind === 'byte') {
      const at = m.at % tar.length;
      tar[at] = m.value;
      if (fix) fixChecksum(tar, at - (at % BLOCK));
    } else if (blocks > 0) {
      const start = (m.block % blocks) * BLOCK;
      tar.write(m.text, start + m.field, 'latin1');
      if (fix) fixChecksum(tar, start);
    }
  }
  return tar;
}

describe('tar reader properties', () => {
  it('returns exactly what the writer packed (round trip, long and Unicode names included)', () => {
    fc.assert(
      fc.property(tree, (entries) => {
        expect(readTarGz(packTarGz(entries))).toEqual(expected(entries));
      }),
      fuzzParameters(200),
    );
  });

  it('holds the caps, the time bound and the error type on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6 * BLOCK }), limits, (bytes, caps) => {
        const buf = Buffer.from(bytes);
        checkRead(() => readTar(buf, caps), caps);
        checkRead(() => readTarGz(buf, caps), caps);
        checkRead(() => readTarGz(gzipSync(buf), caps), caps);
      }),
      fuzzParameters(500),
    );
  });

  it('holds them on mutated archives, checksums fixed or not', () => {
    fc.assert(
      fc.property(
        tree,
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        limits,
        (entries, mutations, fix, caps) => {
          const tar = mutate(gunzipSync(packTarGz(entries)), mutations, fix);
          checkRead(() => readTar(tar, caps), caps);
          checkRead(() => readTarGz(gzipSync(tar), caps), caps);
        },
      ),
      fuzzParameters(500),
    );
  });

  it('gives an error or whole leading entries for a truncated archive, never a short file', () => {
    fc.assert(
      fc.property(tree, fc.nat(), (entries, cutAt) => {
        const tar = gunzipSync(packTarGz(entries));
        const cut = tar.subarray(0, cutAt % (tar.length + 1));
        let read: UnpackedEntry[];
        try {
          read = readTar(cut);
        } catch (error) {
          expect(error).toBeInstanceOf(TarError);
          return;
        }
        expect(read).toEqual(expected(entries).slice(0, read.length));
      }),
      fuzzParameters(300),
    );
  });

  it('reads an unmutated archive under caps that fit it, and refuses it under caps that do not', () => {
    fc.assert(
      fc.property(tree, limits, (entries, caps) => {
        const want = expected(entries);
        const bytes = want.reduce((sum, e) => sum + e.data.length, 0);
        // Every packed entry is one header, plus one PAX header for names over 100 bytes.
        const headers = entries.reduce(
          (n, e) => n + (Buffer.byteLength(e.type === 'dir' ? `${e.path}/` : e.path) > 100 ? 2 : 1),
          0,
        );
        const read = (): UnpackedEntry[] => readTarGz(packTarGz(entries), caps);
        if (bytes > caps.maxBytes || headers > caps.maxEntries) expect(read).toThrow(TarError);
        // PAX bodies count as data too: assert success only where there are none.
        else if (headers === entries.length) expect(read()).toEqual(want);
      }),
      fuzzParameters(300),
    );
  });
});
