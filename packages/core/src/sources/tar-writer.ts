import { gzipSync } from 'node:zlib';
import { BLOCK, padding, paxRecord, tarHeader } from './tar-format.js';

/** A file or directory to pack, with a slash-separated path relative to the root. */
export interface TarEntry {
  path: string;
  type: 'file' | 'dir';
  executable?: boolean;
  data?: Buffer;
}

/**
 * Packs entries into a normalized gzip'd tar, as Flux's artifact storage does: entries sorted
 * by path, uid/gid 0, no names, zero mtime, modes 0600 (files), 0700 (executables), 0750 (dirs).
 * The same content always gives the same bytes, hence the same digest. Pure.
 */
export function packTarGz(entries: readonly TarEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parts: Buffer[] = [];
  for (const entry of sorted) {
    const name = entry.type === 'dir' ? `${entry.path.replace(/\/$/, '')}/` : entry.path;
    const size = entry.type === 'file' ? (entry.data?.length ?? 0) : 0;
    if (Buffer.byteLength(name) > 100) {
      const pax = paxRecord('path', name);
      parts.push(
        tarHeader({ name: 'PaxHeader', mode: 0o644, size: pax.length, type: 'x' }),
        pax,
        padding(pax.length),
      );
    }
    const mode = entry.type === 'dir' ? 0o750 : entry.executable ? 0o700 : 0o600;
    parts.push(
      tarHeader({ name: truncateUtf8(name, 100), mode, size, type: entry.type === 'dir' ? '5' : '0' }),
    );
    if (entry.type === 'file' && entry.data) parts.push(entry.data, padding(entry.data.length));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts));
}

function truncateUtf8(text: string, bytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  return buf.length <= bytes ? text : buf.subarray(0, bytes).toString('utf8');
}
