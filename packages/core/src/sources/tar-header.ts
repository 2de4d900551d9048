import { BLOCK } from './tar-format.js';
import { TarError } from './tar-error.js';

/** The fields of one tar header block the reader uses. */
export interface TarHeader {
  /** `prefix/name` for USTAR headers, `name` otherwise; cut at the first NUL. */
  name: string;
  /** Permission bits only (`& 0o7777`). */
  mode: number;
  /** The size field; a safe integer ≥ 0, possibly larger than the archive (the reader checks). */
  size: number;
  /** The type flag, one character (`'\0'` for old regular files). */
  type: string;
}

const CHECKSUM_OFFSET = 148;
const CHECKSUM_LENGTH = 8;

/** `tar error: invalid tar header at offset N: <why>`; Flux wraps archive/tar errors in "tar error". */
export function headerError(offset: number, why: string): TarError {
  return new TarError(`tar error: invalid tar header at offset ${offset}: ${why}`, 'format');
}

/** True for an all-zero block (the end-of-archive marker). Pure. */
export function isZeroBlock(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

/**
 * Parses one 512-byte header block as Go's archive/tar does: the checksum must match (the
 * unsigned or the historic signed sum), numeric fields are octal digits padded with spaces or
 * NULs, or GNU base-256; a negative or overflowing number is an error. Throws {@link TarError}.
 * Pure.
 */
export function parseTarHeader(block: Buffer, offset: number): TarHeader {
  if (block.length !== BLOCK) throw headerError(offset, 'short block');
  verifyChecksum(block, offset);
  const size = numericField(block, 124, 12, 'size', offset);
  const mode = numericField(block, 100, 8, 'mode', offset);
  const name = cString(block, 0, 100);
  // Only USTAR/PAX headers ("ustar\0" + "00") carry a prefix; GNU keeps times and offsets there.
  const ustar = block.toString('latin1', 257, 265) === 'ustar\u000000';
  const prefix = ustar ? cString(block, 345, 155) : '';
  return {
    name: prefix ? `${prefix}/${name}` : name,
    mode: mode & 0o7777,
    size,
    type: String.fromCharCode(block[156] ?? 0),
  };
}

function verifyChecksum(block: Buffer, offset: number): void {
  // The checksum is octal only (Go parses it with parseOctal, not parseNumeric).
  const recorded = octalField(block, CHECKSUM_OFFSET, CHECKSUM_LENGTH, 'checksum', offset);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    // The checksum field itself counts as eight spaces.
    const byte = i >= CHECKSUM_OFFSET && i < CHECKSUM_OFFSET + CHECKSUM_LENGTH ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  if (recorded !== unsigned && recorded !== signed) throw headerError(offset, 'checksum mismatch');
}

/** A numeric header field: base-256 when the high bit of its first byte is set, else octal. */
function numericField(block: Buffer, at: number, length: number, field: string, offset: number): number {
  const raw = block.subarray(at, at + length);
  if (((raw[0] ?? 0) & 0x80) !== 0) return base256(raw, field, offset);
  return octalField(block, at, length, field, offset);
}

/** Octal digits, padded on either side with spaces or NULs and cut at an inner NUL, as Go's parseOctal. */
function octalField(block: Buffer, at: number, length: number, field: string, offset: number): number {
  const text = cString(trimSpacesAndNuls(block.subarray(at, at + length)), 0, length);
  if (text === '') return 0;
  // parseInt would accept a sign, stop at the first bad digit, or skip whitespace: not here.
  if (!/^[0-7]+$/.test(text)) throw headerError(offset, `${field} field '${printable(text)}' is not octal`);
  return parseInt(text, 8); // at most 12 octal digits: below 2^36, always exact
}

/** GNU base-256: big-endian two's complement below the marker bit. Negative values are refused. */
function base256(raw: Buffer, field: string, offset: number): number {
  if (((raw[0] ?? 0) & 0x40) !== 0) throw headerError(offset, `negative ${field}`);
  let value = BigInt((raw[0] ?? 0) & 0x3f);
  for (const byte of raw.subarray(1)) value = (value << 8n) | BigInt(byte);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw headerError(offset, `${field} field out of range`);
  return Number(value);
}

function trimSpacesAndNuls(raw: Buffer): Buffer {
  let start = 0;
  let end = raw.length;
  while (start < end && (raw[start] === 0x20 || raw[start] === 0)) start++;
  while (end > start && (raw[end - 1] === 0x20 || raw[end - 1] === 0)) end--;
  return raw.subarray(start, end);
}

/** The bytes up to the first NUL, as UTF-8. Pure. */
export function cString(buf: Buffer, offset: number, length: number): string {
  const slice = buf.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end < 0 ? slice.length : end).toString('utf8');
}

/** Field text fit for an error message: control and non-ASCII characters shown as `?`. */
export function printable(text: string): string {
  const shown = text.length > 32 ? `${text.slice(0, 32)}…` : text;
  return shown.replace(/[^\x20-\x7e…]/g, '?');
}
