/**
 * Semantic versions exactly as github.com/Masterminds/semver v3 parses and orders them
 * (the library Flux and Helm use). Segments are unsigned 64-bit in Go, so they are bigint here.
 */

/** A parsed version. `original` keeps the text as given (with any `v` prefix). */
export interface Version {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly prerelease: string;
  readonly metadata: string;
  readonly original: string;
}

/** Raised for versions and constraints that Masterminds semver rejects. */
export class SemverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SemverError';
  }
}

const UINT64_MAX = (1n << 64n) - 1n;
const DIGITS = /^[0-9]*$/;
const ALLOWED = /^[0-9A-Za-z-]*$/;

/** The loose form NewVersion accepts: `v?` then 1–3 numeric parts, pre-release, metadata. */
const LOOSE_VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** Go's strconv.ParseUint(s, 10, 64): digits only, no sign, at most 2^64-1. Pure. */
export function parseUint64(text: string): bigint | undefined {
  if (text === '' || !/^[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value > UINT64_MAX ? undefined : value;
}

function segment(text: string): bigint {
  const value = parseUint64(text);
  if (value === undefined) throw new SemverError(`Error parsing version segment: ${text}`);
  return value;
}

/** Pre-release identifiers: numeric ones without leading zeros, others alphanumeric or `-`. */
function validatePrerelease(pre: string): void {
  for (const part of pre.split('.')) {
    if (DIGITS.test(part)) {
      if (part.length > 1 && part.startsWith('0')) throw new SemverError('Version segment starts with 0');
    } else if (!ALLOWED.test(part)) {
      throw new SemverError('Invalid Prerelease string');
    }
  }
}

function validateMetadata(metadata: string): void {
  for (const part of metadata.split('.')) {
    if (!ALLOWED.test(part)) throw new SemverError('Invalid Metadata string');
  }
}

/**
 * Masterminds `NewVersion`: coerces `1` and `1.2` to `1.0.0`/`1.2.0`, allows a `v` prefix and
 * leading zeros in the numeric parts. Throws {@link SemverError}. Pure.
 */
export function parseVersion(text: string): Version {
  const m = LOOSE_VERSION.exec(text);
  if (!m) throw new SemverError('Invalid Semantic Version');
  const prerelease = m[5] ?? '';
  const metadata = m[8] ?? '';
  const version: Version = {
    major: segment(m[1] ?? ''),
    minor: m[2] ? segment(m[2].slice(1)) : 0n,
    patch: m[3] ? segment(m[3].slice(1)) : 0n,
    prerelease,
    metadata,
    original: text,
  };
  if (prerelease !== '') validatePrerelease(prerelease);
  if (metadata !== '') validateMetadata(metadata);
  return version;
}

function splitN(text: string, sep: string, n: number): string[] {
  const parts = text.split(sep);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/**
 * Masterminds `StrictNewVersion`: exactly `X.Y.Z[-pre][+meta]`, no `v`, no leading zeros.
 * Throws {@link SemverError}. Pure.
 */
export function parseStrictVersion(text: string): Version {
  if (text === '') throw new SemverError('Version string empty');
  const parts = splitN(text, '.', 3);
  if (parts.length !== 3) throw new SemverError('Invalid Semantic Version');
  let last = parts[2] ?? '';
  let metadata = '';
  let prerelease = '';
  if (/[-+]/.test(last)) {
    const plus = splitN(last, '+', 2);
    if (plus.length > 1) [last, metadata] = [plus[0] ?? '', plus[1] ?? ''];
    const dash = splitN(last, '-', 2);
    if (dash.length > 1) [last, prerelease] = [dash[0] ?? '', dash[1] ?? ''];
  }
  const numbers = [parts[0] ?? '', parts[1] ?? '', last];
  for (const p of numbers) {
    if (!DIGITS.test(p)) throw new SemverError('Invalid characters in version');
    if (p.length > 1 && p.startsWith('0')) throw new SemverError('Version segment starts with 0');
  }
  const [major, minor, patch] = numbers.map(segment) as [bigint, bigint, bigint];
  if (prerelease !== '') validatePrerelease(prerelease);
  if (metadata !== '') validateMetadata(metadata);
  return { major, minor, patch, prerelease, metadata, original: text };
}

/** The canonical text: `X.Y.Z[-pre][+meta]`, without any `v` prefix. Pure. */
export function formatVersion(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One pre-release identifier against another, as Masterminds compares them. */
function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const oi = parseUint64(o);
  const si = parseUint64(s);
  if (oi === undefined && si === undefined) return s > o ? 1 : -1;
  if (oi === undefined) return -1; // s is a number, o a string: numbers sort first
  if (si === undefined) return 1;
  return si > oi ? 1 : -1;
}

/** Pre-release strings compared identifier by identifier; a missing identifier sorts first. Pure. */
export function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  const n = Math.max(as.length, bs.length);
  for (let i = 0; i < n; i++) {
    const d = comparePrePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** -1, 0 or 1: precedence by major.minor.patch then pre-release; metadata is ignored. Pure. */
export function compareVersions(a: Version, b: Version): number {
  const d = compareBig(a.major, b.major) || compareBig(a.minor, b.minor) || compareBig(a.patch, b.patch);
  if (d !== 0) return d;
  if (a.prerelease === '' && b.prerelease === '') return 0;
  if (a.prerelease === '') return 1;
  if (b.prerelease === '') return -1;
  return comparePrerelease(a.prerelease, b.prerelease);
}
