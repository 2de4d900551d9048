/**
 * Go `time.Duration` parsing and printing, so intervals read exactly as Flux reads and prints
 * them (`10m0s`, `4m30s`, `176.163666ms`). Ported from Go's `time` package and held against it
 * by `duration.property.test.ts`: same accepted strings, same nanoseconds, same error texts.
 */

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n, // µ, the micro sign
  '\u03bcs': 1_000n, // μ, the Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** 1<<63: Go's bound on the magnitude of a duration in nanoseconds. */
const LIMIT = 1n << 63n;

/** Go's `time.quote`: ASCII kept (with `"` and `\` escaped), anything else as `\x` bytes. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of Buffer.from(ch, 'utf8')) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  }
  return `${out}"`;
}

/** Raised for a string Go's `time.ParseDuration` refuses, with Go's message. */
export class DurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DurationError';
  }
}

const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** Leading digits as Go's `leadingInt` reads them; undefined on overflow past 1<<63. */
function leadingInt(s: string): { x: bigint; rest: string } | undefined {
  let i = 0;
  let x = 0n;
  for (; isDigit(s, i); i++) {
    x = x * 10n + BigInt(s.charCodeAt(i) - 48);
    if (x > LIMIT) return undefined;
  }
  return { x, rest: s.slice(i) };
}

/** Fraction digits as Go's `leadingFraction` reads them: precision stops growing on overflow. */
function leadingFraction(s: string): { f: bigint; scale: number; rest: string } {
  let i = 0;
  let f = 0n;
  let scale = 1;
  let overflow = false;
  for (; isDigit(s, i); i++) {
    if (overflow) continue;
    const next = f * 10n + BigInt(s.charCodeAt(i) - 48);
    if (f > (LIMIT - 1n) / 10n || next > LIMIT) {
      overflow = true;
      continue;
    }
    f = next;
    scale *= 10;
  }
  return { f, scale, rest: s.slice(i) };
}

/** Go's `time.ParseDuration`, in nanoseconds; throws {@link DurationError} with Go's message. Pure. */
export function parseDurationNs(text: string): bigint {
  const invalid = (): DurationError => new DurationError(`time: invalid duration ${quote(text)}`);
  let s = text;
  const negative = s.startsWith('-');
  if (negative || s.startsWith('+')) s = s.slice(1);
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let d = 0n;
  while (s !== '') {
    if (!(s.startsWith('.') || isDigit(s, 0))) throw invalid();
    const int = leadingInt(s);
    if (!int) throw invalid();
    const pre = int.rest.length !== s.length;
    s = int.rest;
    let frac = { f: 0n, scale: 1 };
    let post = false;
    if (s.startsWith('.')) {
      const read = leadingFraction(s.slice(1));
      post = read.rest.length !== s.length - 1;
      frac = read;
      s = read.rest;
    }
    if (!pre && !post) throw invalid();
    const unitEnd = s.search(/[.0-9]/);
    const unit = unitEnd < 0 ? s : s.slice(0, unitEnd);
    if (unit === '') throw new DurationError(`time: missing unit in duration ${quote(text)}`);
    s = s.slice(unit.length);
    const scale = UNIT_NS[unit];
    if (scale === undefined)
      throw new DurationError(`time: unknown unit ${quote(unit)} in duration ${quote(text)}`);
    if (int.x > LIMIT / scale) throw invalid();
    let v = int.x * scale;
    // Go adds the fraction through float64 (nanosecond-accurate for fractions of an hour).
    if (frac.f > 0n) v += BigInt(Math.trunc(Number(frac.f) * (Number(scale) / frac.scale)));
    if (v > LIMIT) throw invalid();
    d += v;
    if (d > LIMIT) throw invalid();
  }
  if (negative) return -d;
  if (d > LIMIT - 1n) throw invalid();
  return d;
}

/**
 * Parses a Go duration string (`1h30m`, `500ms`, `1.5s`) into milliseconds, exactly as Go's
 * `time.ParseDuration` accepts it; throws {@link DurationError} with Go's message otherwise.
 */
export function parseDuration(text: string): number {
  return Number(parseDurationNs(text)) / 1e6;
}

/** Go's `fmtFrac`: the fraction of `v` below 10^prec, trailing zeros dropped. */
function fraction(v: bigint, prec: number): { text: string; rest: bigint } {
  const unit = 10n ** BigInt(prec);
  const digits = (v % unit).toString().padStart(prec, '0').replace(/0+$/, '');
  return { text: digits === '' ? '' : `.${digits}`, rest: v / unit };
}

/** Go's `Duration.String` of a duration in nanoseconds. Pure. */
export function formatDurationNs(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const u = ns < 0n ? -ns : ns;
  if (u < 1_000_000_000n) {
    const [prec, unit] = u < 1_000n ? [0, 'ns'] : u < 1_000_000n ? [3, '\u00b5s'] : [6, 'ms'];
    const { text, rest } = fraction(u, prec);
    return `${sign}${rest}${text}${unit}`;
  }
  const { text, rest: seconds } = fraction(u, 9);
  const minutes = seconds / 60n;
  const hours = minutes / 60n;
  const h = hours > 0n ? `${hours}h` : '';
  const m = minutes > 0n ? `${minutes % 60n}m` : '';
  return `${sign}${h}${m}${seconds % 60n}${text}s`;
}

/** Formats milliseconds the way Go's `Duration.String()` does (to the nanosecond). */
export function formatDuration(ms: number): string {
  const whole = Math.trunc(ms);
  return formatDurationNs(BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6)));
}

/** Flux's duration pattern for intervals (h allowed). */
export const INTERVAL_PATTERN = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
/** Flux's duration pattern for source timeouts (no h). */
export const TIMEOUT_PATTERN = /^([0-9]+(\.[0-9]+)?(ms|s|m))+$/;
