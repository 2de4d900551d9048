import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { callWithDeadline } from '../testing/call-with-deadline.js';
import { BLOCK, padding, paxRecord, tarHeader } from './tar-format.js';
import { TarError } from './tar-error.js';
import { readTar, readTarGz } from './tar-reader.js';

/** A header block with raw field text, so tests can write what no honest writer would. */
function rawHeader(fields: {
  name?: string;
  mode?: string;
  size?: string | Buffer;
  type?: string;
  magic?: 'ustar' | 'gnu' | 'v7';
  prefix?: string;
  checksum?: 'good' | 'bad' | 'signed';
}): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(fields.name ?? 'file', 0, 100, 'utf8');
  h.write(fields.mode ?? '0000644\0', 100, 8, 'ascii');
  if (Buffer.isBuffer(fields.size)) fields.size.copy(h, 124);
  else h.write(fields.size ?? '00000000000\0', 124, 12, 'ascii');
  h.write('00000000000\0', 136, 12, 'ascii');
  h.write(fields.type ?? '0', 156, 1, 'ascii');
  const magic = fields.magic ?? 'ustar';
  if (magic === 'ustar') h.write('ustar\u000000', 257, 8, 'binary');
  if (magic === 'gnu') h.write('ustar  \u0000', 257, 8, 'binary');
  if (fields.prefix) h.write(fields.prefix, 345, 155, 'utf8');
  h.fill(0x20, 148, 156);
  let unsigned = 0;
  let signed = 0;
  for (const byte of h) {
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  const sum = fields.checksum === 'bad' ? unsigned + 1 : fields.checksum === 'signed' ? signed : unsigned;
  h.write(`${(sum >>> 0).toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

const END = Buffer.alloc(BLOCK * 2);
const body = (text: string): Buffer => Buffer.concat([Buffer.from(text), padding(text.length)]);

/** A size field in GNU base-256: high bit set, big-endian two's complement. */
function base256(value: bigint): Buffer {
  const field = Buffer.alloc(12);
  let rest = BigInt.asUintN(96, value);
  for (let i = 11; i >= 0; i--) {
    field[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  field[0] = (field[0] ?? 0) | 0x80;
  return field;
}

describe('readTar on hostile headers', () => {
  it('ends a negative size (which once stopped the offset from advancing) with an error', async () => {
    // Before the fix, "-1000" parsed to -512: the offset stayed put and the loop spun forever
    // on the event loop the engine, API and SSE share. The child process turns a hang into a failure.
    const tar = Buffer.concat([rawHeader({ size: '-1000', type: '2' }), END]);
    const outcome = await callWithDeadline(
      new URL('./tar-reader.ts', import.meta.url).href,
      'readTar',
      [tar],
      20_000,
    );
    expect(outcome).toEqual({
      kind: 'threw',
      name: 'TarError',
      message: "tar error: invalid tar header at offset 0: size field '-1000' is not octal",
    });
    const started = performance.now();
    expect(() => readTar(tar)).toThrow(TarError);
    expect(performance.now() - started).toBeLessThan(2_000); // a hang guard: it takes under 50 ms
  });

  it.each([
    ['a sign', '+0000001000\0'],
    ['an 8 or 9', '00000000009\0'],
    ['letters', '0000000x100\0'],
    ['an inner space', '0000 001000\0'],
  ])('refuses a size with %s', (_what, size) => {
    const tar = Buffer.concat([rawHeader({ size }), END]);
    expect(() => readTar(tar)).toThrow(/size field .* is not octal/);
  });

  it('refuses a mode that is not octal', () => {
    const tar = Buffer.concat([rawHeader({ mode: '-000644\0' }), END]);
    expect(() => readTar(tar)).toThrow(
      "tar error: invalid tar header at offset 0: mode field '-000644' is not octal",
    );
  });

  it('accepts octal padded with spaces and NULs, as GNU and BSD tar write it', () => {
    const tar = Buffer.concat([rawHeader({ size: '     5 \0\0\0\0\0' }), body('hello'), END]);
    expect(readTar(tar).map((e) => e.data.toString())).toEqual(['hello']);
  });

  it('refuses a header whose checksum does not match, and accepts the signed sum too', () => {
    const bad = Buffer.concat([rawHeader({ checksum: 'bad' }), END]);
    expect(() => readTar(bad)).toThrow('tar error: invalid tar header at offset 0: checksum mismatch');
    const signed = Buffer.concat([rawHeader({ name: 'caf\u00e9', checksum: 'signed' }), END]);
    expect(readTar(signed).map((e) => e.path)).toEqual(['caf\u00e9']);
  });

  it('reads a GNU base-256 size and refuses a negative one', () => {
    const ok = Buffer.concat([rawHeader({ size: base256(5n) }), body('12345'), END]);
    expect(readTar(ok)[0]?.data.toString()).toBe('12345');
    const negative = Buffer.concat([rawHeader({ size: base256(-512n) }), END]);
    expect(() => readTar(negative)).toThrow('tar error: invalid tar header at offset 0: negative size');
  });

  it('refuses sizes beyond the bytes that remain instead of reading short', () => {
    const tar = Buffer.concat([rawHeader({ size: '00000001000\0' }), Buffer.alloc(100, 1)]);
    expect(() => readTar(tar)).toThrow('tar error: unexpected end of tar data in entry at offset 0');
    const large = Buffer.concat([rawHeader({ size: base256(2n ** 40n) }), END]);
    expect(() => readTar(large)).toThrow('tar error: unexpected end of tar data in entry at offset 0');
    const huge = Buffer.concat([rawHeader({ size: base256(2n ** 62n) }), END]);
    expect(() => readTar(huge)).toThrow('tar error: invalid tar header at offset 0: size field out of range');
  });

  it('refuses a trailing partial header block', () => {
    const tar = Buffer.concat([rawHeader({}), Buffer.from('partial')]);
    expect(() => readTar(tar)).toThrow('tar error: unexpected end of tar data in header at offset 512');
  });

  it('skips no data for header-only types, as Go archive/tar does', () => {
    // A directory or symlink that claims a size has no data blocks after it.
    const tar = Buffer.concat([
      rawHeader({ name: 'd/', type: '5', size: '00000001000\0' }),
      rawHeader({ name: 'link', type: '2', size: '00000001000\0' }),
      rawHeader({ name: 'old-style-dir/', type: '\0', size: '00000001000\0' }),
      rawHeader({ name: 'd/f', size: '00000000002\0' }),
      body('ok'),
      END,
    ]);
    expect(readTar(tar).map((e) => [e.path, e.type, e.data.toString()])).toEqual([
      ['d', 'dir', ''],
      ['old-style-dir', 'dir', ''],
      ['d/f', 'file', 'ok'],
    ]);
  });

  it('reads GNU long names and PAX sizes, and uses the prefix only in USTAR headers', () => {
    const longName = `${'n'.repeat(150)}.yaml`;
    const gnuName = Buffer.from(`${longName}\0`);
    const pax = paxRecord('size', '3');
    const tar = Buffer.concat([
      rawHeader({ name: '././@LongLink', type: 'L', size: gnuName.length.toString(8).padStart(11, '0') }),
      gnuName,
      padding(gnuName.length),
      rawHeader({ name: 'ignored', size: '00000000001\0' }),
      body('x'),
      tarHeader({ name: 'PaxHeader', mode: 0o644, size: pax.length, type: 'x' }),
      pax,
      padding(pax.length),
      rawHeader({ name: 'paxsized', size: '00000000000\0' }),
      body('abc'),
      rawHeader({ name: 'gnu', magic: 'gnu', prefix: 'junk' }),
      rawHeader({ name: 'ustar', prefix: 'dir' }),
      END,
    ]);
    expect(readTar(tar).map((e) => [e.path, e.data.toString()])).toEqual([
      [longName, 'x'],
      ['paxsized', 'abc'],
      ['gnu', ''],
      ['dir/ustar', ''],
    ]);
  });

  it('lets a GNU long name beat a PAX path, as Go does', () => {
    const pax = paxRecord('path', 'from-pax');
    const gnuName = Buffer.from('from-gnu\0');
    const tar = Buffer.concat([
      tarHeader({ name: 'PaxHeader', mode: 0o644, size: pax.length, type: 'x' }),
      pax,
      padding(pax.length),
      rawHeader({ name: '././@LongLink', type: 'L', size: '00000000011\0' }),
      gnuName,
      padding(gnuName.length),
      rawHeader({ name: 'from-header' }),
      END,
    ]);
    expect(readTar(tar).map((e) => e.path)).toEqual(['from-gnu']);
  });

  it('refuses a PAX size that is not a decimal number', () => {
    const pax = paxRecord('size', '-512');
    const tar = Buffer.concat([
      tarHeader({ name: 'PaxHeader', mode: 0o644, size: pax.length, type: 'x' }),
      pax,
      padding(pax.length),
      rawHeader({}),
      END,
    ]);
    expect(() => readTar(tar)).toThrow("tar error: invalid PAX record at offset 0: size '-512'");
  });

  it('counts metadata entries and their bytes against the caps', () => {
    const pax = paxRecord('comment', 'c'.repeat(600));
    const meta = Buffer.concat([
      tarHeader({ name: 'PaxHeader', mode: 0o644, size: pax.length, type: 'x' }),
      pax,
      padding(pax.length),
    ]);
    const many = Buffer.concat([...Array.from({ length: 5 }, () => meta), END]);
    expect(() => readTar(many, { maxBytes: 1 << 20, maxEntries: 4 })).toThrow(
      'artifact has more than 4 entries',
    );
    expect(() => readTar(many, { maxBytes: 1000, maxEntries: 100 })).toThrow(
      'artifact expands beyond the 1000 byte limit',
    );
  });

  it('wraps gzip failures in TarError', () => {
    expect(() => readTarGz(Buffer.from('not gzip'))).toThrow(TarError);
    const truncated = gzipSync(Buffer.concat([rawHeader({}), END])).subarray(0, 20);
    expect(() => readTarGz(truncated)).toThrow(/cannot decompress artifact/);
  });
});
