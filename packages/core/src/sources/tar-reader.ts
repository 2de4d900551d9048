import { constants } from 'node:buffer';
import { BLOCK } from './tar-format.js';
import { TarError } from './tar-error.js';
import { gunzipCapped } from './gzip-reader.js';
import { cString, isZeroBlock, parseTarHeader } from './tar-header.js';
import { parsePaxRecords, type PaxOverrides } from './tar-pax.js';

/** Caps applied while unpacking (Flux: 100 MiB by default). */
export interface UnpackLimits {
  /** Bytes of entry data, metadata entries included. */
  maxBytes: number;
  /** Header blocks, metadata and skipped entries included: this bounds the loop. */
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

/** Headers, data and padding of a tar beyond the data cap: the gzip output may exceed it by this much. */
const TAR_OVERHEAD_BYTES = 1024 * 1024;
/** Go's archive/tar refuses PAX headers and GNU long names over 1 MiB (`maxSpecialFileSize`). */
const MAX_METADATA_BYTES = 1024 * 1024;
/** Types whose size field never announces data (Go's `isHeaderOnlyType`). */
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);
const REGULAR = new Set(['0', '\0', '7']);

/** Rejects absolute paths and `..` segments; returns the cleaned relative path. Pure. */
export function safeRelativePath(name: string): string {
  const cleaned = name.replace(/^\.\//, '').replace(/\/+$/, '');
  if (cleaned === '' || cleaned === '.') return '';
  if (cleaned.startsWith('/') || cleaned.split('/').some((part) => part === '..')) {
    throw new TarError(`tar entry '${name}' points outside the archive root`, 'path');
  }
  return cleaned;
}

/**
 * Reads a gzip'd tar within byte and entry caps. Symlinks, hard links and devices are
 * skipped, so nothing can point outside the root. Throws {@link TarError} on caps, malformed
 * bytes or unsafe paths, and nothing else.
 */
export function readTarGz(gz: Buffer, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS): UnpackedEntry[] {
  let tar: Buffer;
  try {
    tar = gunzipCapped(gz, Math.min(limits.maxBytes + TAR_OVERHEAD_BYTES, constants.MAX_LENGTH));
  } catch (error) {
    if (!(error instanceof TarError)) throw error;
    if (error.kind === 'limit')
      throw new TarError(`artifact expands beyond the ${limits.maxBytes} byte limit`, 'limit');
    throw new TarError(`cannot decompress artifact: ${error.message}`, 'format');
  }
  return readTar(tar, limits);
}

/**
 * Reads an uncompressed tar within the caps; same rules as {@link readTarGz}. Every header moves
 * the offset forward by at least one block and counts against `maxEntries`, so the loop ends
 * after at most `min(maxEntries, tar.length / 512)` steps.
 */
export function readTar(tar: Buffer, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS): UnpackedEntry[] {
  const entries: UnpackedEntry[] = [];
  let offset = 0;
  let headers = 0;
  let total = 0;
  let pending: PaxOverrides & { longName?: string } = {};
  while (offset < tar.length) {
    const block = tar.subarray(offset, offset + BLOCK);
    if (isZeroBlock(block)) break; // the end marker, or zero padding short of a block
    if (block.length < BLOCK) throw endError('header', offset);
    if (++headers > limits.maxEntries)
      throw new TarError(`artifact has more than ${limits.maxEntries} entries`, 'limit');
    const header = parseTarHeader(block, offset);
    // GNU long name beats a PAX path, which beats the header's own name (Go's order).
    const name = pending.longName || pending.path || header.name;
    const type = header.type === '\0' && name.endsWith('/') ? '5' : header.type;
    const size = HEADER_ONLY.has(type) ? 0 : (pending.size ?? header.size);
    const start = offset + BLOCK;
    if (size > tar.length - start) throw endError('entry', offset);
    total += size;
    if (total > limits.maxBytes)
      throw new TarError(`artifact expands beyond the ${limits.maxBytes} byte limit`, 'limit');
    const data = tar.subarray(start, start + size);
    const entryOffset = offset;
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x' || type === 'L') {
      if (size > MAX_METADATA_BYTES)
        throw new TarError(`tar error: metadata entry at offset ${entryOffset} is over 1 MiB`, 'format');
      // A later PAX header replaces an earlier one, as in Go; a GNU long name is kept beside it.
      if (type === 'x') pending = { longName: pending.longName, ...parsePaxRecords(data, entryOffset) };
      else pending = { ...pending, longName: cString(data, 0, data.length) };
      continue;
    }
    if (type === 'g' || type === 'K') continue; // global PAX, GNU long link name
    pending = {};
    const kept = type === '5' ? 'dir' : REGULAR.has(type) ? 'file' : undefined;
    if (kept === undefined) continue; // links, devices, FIFOs and unknown types are dropped
    const path = safeRelativePath(name);
    if (path === '') continue;
    entries.push({ path, type: kept, mode: header.mode, data: Buffer.from(data) });
  }
  return entries;
}

function endError(where: 'header' | 'entry', offset: number): TarError {
  return new TarError(`tar error: unexpected end of tar data in ${where} at offset ${offset}`, 'format');
}
