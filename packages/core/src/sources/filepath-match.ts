/**
 * Go's `path/filepath.Match` (Unix), the glob that go-git's gitignore patterns use: `*` any run
 * of non-`/` characters, `?` one character, `[...]`/`[^...]` classes with ranges, `\` escapes.
 * A malformed pattern never matches (Go returns ErrBadPattern, which callers treat as false).
 *
 * Like Go it works on UTF-8 bytes: a `*` skips the name byte by byte, literals compare bytes,
 * and `?` and classes decode one rune (a stray continuation byte reads as U+FFFD), so
 * `*[^é]` matches `é` as it does in Go. Positions are indexes, never copies: a 64 KiB pattern
 * line from a `.sourceignore` costs what it costs Go, not its square.
 */

const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BACKSLASH = 0x5c;
const CARET = 0x5e;
const DASH = 0x2d;
const SLASH = 0x2f;
const RUNE_ERROR = 0xfffd;

class BadPattern extends Error {}

/** `utf8.DecodeRune` on bytes of a valid string read from any offset: rune and width. */
function decodeRune(b: Uint8Array, i: number): { rune: number; size: number } {
  const c = b[i] ?? 0;
  if (c < 0x80) return { rune: c, size: 1 };
  if (c < 0xc0) return { rune: RUNE_ERROR, size: 1 };
  const size = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  let rune = c & (0xff >> (size + 1));
  for (let k = 1; k < size; k++) rune = (rune << 6) | ((b[i + k] ?? 0) & 0x3f);
  return { rune, size };
}

/** Go's scanChunk: the end of the leading stars and of the chunk after them. */
function scanChunk(p: Uint8Array, from: number): { star: boolean; start: number; end: number } {
  let i = from;
  while (i < p.length && p[i] === STAR) i++;
  const start = i;
  let inRange = false;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === BACKSLASH) {
      if (i + 1 < p.length) i++;
    } else if (c === OPEN) inRange = true;
    else if (c === CLOSE) inRange = false;
    else if (c === STAR && !inRange) break;
  }
  return { star: start > from, start, end: i };
}

/** Go's getEsc: one (possibly escaped) class character and where the chunk goes on. */
function getEsc(p: Uint8Array, i: number, end: number): { rune: number; next: number } {
  let at = i;
  if (at >= end || p[at] === DASH || p[at] === CLOSE) throw new BadPattern();
  if (p[at] === BACKSLASH) {
    at++;
    if (at >= end) throw new BadPattern();
  }
  const { rune, size } = decodeRune(p, at);
  if (rune === RUNE_ERROR && size === 1) throw new BadPattern();
  if (at + size >= end) throw new BadPattern();
  return { rune, next: at + size };
}

/** A class at `p[i]` (`[`) against rune `r`: whether it matched, and the index after `]`. */
function matchClass(p: Uint8Array, i: number, end: number, r: number): { match: boolean; next: number } {
  let at = i + 1;
  const negated = at < end && p[at] === CARET;
  if (negated) at++;
  let match = false;
  for (let n = 0; ; n++) {
    if (at < end && p[at] === CLOSE && n > 0) return { match: match !== negated, next: at + 1 };
    const lo = getEsc(p, at, end);
    let hi = lo.rune;
    at = lo.next;
    if (p[at] === DASH) {
      const h = getEsc(p, at + 1, end);
      hi = h.rune;
      at = h.next;
    }
    if (lo.rune <= r && r <= hi) match = true;
  }
}

/** Go's matchChunk over `p[start, end)` at `s[from]`: the name index after it, or -1. */
function matchChunk(p: Uint8Array, start: number, end: number, s: Uint8Array, from: number): number {
  let i = start;
  let at = from;
  let failed = false;
  while (i < end) {
    if (!failed && at >= s.length) failed = true;
    const c = p[i];
    if (c === OPEN) {
      let r = 0;
      if (!failed) {
        const d = decodeRune(s, at);
        r = d.rune;
        at += d.size;
      }
      const cls = matchClass(p, i, end, r);
      i = cls.next;
      if (!cls.match) failed = true;
    } else if (c === QUESTION) {
      if (!failed) {
        if (s[at] === SLASH) failed = true;
        at += decodeRune(s, at).size;
      }
      i++;
    } else {
      if (c === BACKSLASH) {
        i++;
        if (i >= end) throw new BadPattern();
      }
      if (!failed) {
        if (p[i] !== s[at]) failed = true;
        at++;
      }
      i++;
    }
  }
  return failed ? -1 : at;
}

function matchBytes(p: Uint8Array, s: Uint8Array): boolean {
  let pi = 0;
  let at = 0;
  outer: while (pi < p.length) {
    const { star, start, end } = scanChunk(p, pi);
    pi = end;
    if (star && start === end) return s.indexOf(SLASH, at) < 0;
    const t = matchChunk(p, start, end, s, at);
    if (t >= 0 && (t === s.length || pi < p.length)) {
      at = t;
      continue;
    }
    if (star) {
      for (let i = at; i < s.length && s[i] !== SLASH; i++) {
        const t2 = matchChunk(p, start, end, s, i + 1);
        if (t2 < 0 || (pi === p.length && t2 < s.length)) continue;
        at = t2;
        continue outer;
      }
    }
    // Before answering false, check the rest of the pattern is well formed (Go: ErrBadPattern).
    while (pi < p.length) {
      const next = scanChunk(p, pi);
      pi = next.end;
      matchChunk(p, next.start, next.end, new Uint8Array(0), 0);
    }
    return false;
  }
  return at === s.length;
}

/** Whether `name` matches the glob `pattern`, as Go's filepath.Match reports it. Pure. */
export function filepathMatch(pattern: string, name: string): boolean {
  try {
    return matchBytes(Buffer.from(pattern, 'utf8'), Buffer.from(name, 'utf8'));
  } catch (error) {
    if (error instanceof BadPattern) return false;
    throw error;
  }
}
