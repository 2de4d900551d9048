import { gunzipSync } from 'node:zlib';
import { BLOCK } from './tar-format.js';

/** Caps applied while unpacking (Flux: 100 MiB by default). */
export interface UnpackLimits {
  maxBytes: number;
  maxEntries: number;
}

/** The default unpack caps. */
export const DEFAULT_UNPACK_LIMITS: UnpackLimits = { maxBytes: 100 * 1024 * 1024, maxEntries: 100_000 };

/** An entry read from a tar: regular files and directories only. */
export interface UnpackedEntry {
  path: string;
  type: 'file' | 'dir';
  mode: number;
  data: Buffer;
}

/** Rejects absolute paths and `..` segments; returns the cleaned relative path. Pure. */
export function safeRelativePath(name: string): string {
  const cleaned = name.replace(/^\.\//, '').replace(/\/+$/, '');
  if (cleaned === '' || cleaned === '.') return '';
  if (cleaned.startsWith('/') || cleaned.split('/').some((part) => part === '..')) {
    throw new Error(`tar entry '${name}' points outside the archive root`);
  }
  return cleaned;
}

/**
 * Reads a gzip'd tar within byte and entry caps. Symlinks, hard links and devices are
 * skipped, so nothing can point outside the root. Throws on caps or unsafe paths.
 */
export function readTarGz(gz: Buffer, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS): UnpackedEntry[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(gz, { maxOutputLength: limits.maxBytes + 1024 * 1024 });
  } catch (error) {
    if (error instanceof RangeError)
      throw new Error(`artifact expands beyond the ${limits.maxBytes} byte limit`);
    throw new Error(`cannot decompress artifact: ${(error as Error).message}`);
  }
  return readTar(tar, limits);
}

/** Reads an uncompressed tar within the caps; same rules as {@link readTarGz}. */
export function readTar(tar: Buffer, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS): UnpackedEntry[] {
  const entries: UnpackedEntry[] = [];
  let offset = 0;
  let paxPath: string | undefined;
  let total = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const name = cString(header, 0, 100);
    const prefix = cString(header, 345, 155);
    const size = parseInt(cString(header, 124, 12).trim() || '0', 8);
    const mode = parseInt(cString(header, 100, 8).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      paxPath = parsePax(data).path;
      continue;
    }
    const fullName = paxPath ?? (prefix ? `${prefix}/${name}` : name);
    paxPath = undefined;
    if (type !== '0' && type !== '\0' && type !== '5') continue;
    total += size;
    if (total > limits.maxBytes) throw new Error(`artifact expands beyond the ${limits.maxBytes} byte limit`);
    if (entries.length >= limits.maxEntries)
      throw new Error(`artifact has more than ${limits.maxEntries} entries`);
    const path = safeRelativePath(fullName);
    if (path === '') continue;
    entries.push({ path, type: type === '5' ? 'dir' : 'file', mode, data: Buffer.from(data) });
  }
  return entries;
}

function cString(buf: Buffer, offset: number, length: number): string {
  const slice = buf.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end < 0 ? length : end).toString('utf8');
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  const text = data.toString('utf8');
  let i = 0;
  while (i < text.length) {
    const space = text.indexOf(' ', i);
    if (space < 0) break;
    const length = Number(text.slice(i, space));
    if (!Number.isFinite(length) || length <= 0) break;
    const record = text.slice(space + 1, i + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += length;
  }
  return out;
}
