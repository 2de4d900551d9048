import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { BLOCK, padding, paxRecord, tarHeader } from './tar-format.js';

/** A file or directory to pack, read from disk while the archive is written. */
export interface StreamedTarEntry {
  /** Slash-separated path relative to the archive root. */
  path: string;
  type: 'file' | 'dir';
  executable?: boolean;
  /** For files: where to read the bytes from, and how many there must be. */
  source?: string;
  size?: number;
}

/** What was written: Flux's `<algo>:<hex>` digest of the gzip bytes, and their count. */
export interface WrittenArchive {
  digest: string;
  size: number;
}

/** Hashes and counts the bytes flowing through, so the archive is never read back whole. */
class DigestCounter extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

function headerBlocks(entry: StreamedTarEntry, size: number): Buffer[] {
  const name = entry.type === 'dir' ? `${entry.path.replace(/\/$/, '')}/` : entry.path;
  const blocks: Buffer[] = [];
  if (Buffer.byteLength(name) > 100) {
    const pax = paxRecord('path', name);
    blocks.push(
      tarHeader({ name: 'PaxHeader', mode: 0o644, size: pax.length, type: 'x' }),
      pax,
      padding(pax.length),
    );
  }
  const mode = entry.type === 'dir' ? 0o750 : entry.executable ? 0o700 : 0o600;
  const short = Buffer.from(name, 'utf8').subarray(0, 100).toString('utf8');
  blocks.push(tarHeader({ name: short, mode, size, type: entry.type === 'dir' ? '5' : '0' }));
  return blocks;
}

/** The tar stream, one chunk at a time: file bodies come from disk in 64 KiB reads. */
async function* tarChunks(entries: readonly StreamedTarEntry[]): AsyncGenerator<Buffer> {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const entry of sorted) {
    const size = entry.type === 'file' ? (entry.size ?? 0) : 0;
    yield* headerBlocks(entry, size);
    if (entry.type !== 'file' || !entry.source || size === 0) continue;
    let read = 0;
    // `end` bounds the read: a file that grew after it was listed cannot overflow its header.
    for await (const chunk of createReadStream(entry.source, { end: size - 1, highWaterMark: 64 * 1024 })) {
      read += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (read !== size) throw new Error(`file '${entry.path}' changed while it was archived`);
    yield padding(size);
  }
  yield Buffer.alloc(BLOCK * 2);
}

/**
 * Writes the normalized gzip'd tar of `entries` to `dest`, streaming file bodies from disk so
 * memory stays flat whatever the file sizes. The bytes are exactly those of `packTarGz` for the
 * same content (same order, headers and compression level), so digests agree.
 */
export async function writeTarGzFile(
  entries: readonly StreamedTarEntry[],
  dest: string,
  signal?: AbortSignal,
): Promise<WrittenArchive> {
  const counter = new DigestCounter();
  await pipeline(Readable.from(tarChunks(entries)), createGzip(), counter, createWriteStream(dest), {
    signal,
  });
  return { digest: `sha256:${counter.hash.digest('hex')}`, size: counter.bytes };
}
