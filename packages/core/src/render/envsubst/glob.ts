/**
 * Shell pattern matching for `${v#p}`-style operators, ported from fluxcd/pkg
 * `envsubst/path/match.go` (Go's path.Match, except that `*` also matches `/` and a trailing
 * `*` matches the rest). Works on code points. Pure.
 */

/** Raised for a malformed pattern (Go's ErrBadPattern). */
export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
    this.name = 'BadPatternError';
  }
}

type Chars = readonly string[];

function scanChunk(pattern: Chars): { star: boolean; chunk: Chars; rest: Chars } {
  let p = pattern;
  let star = false;
  while (p.length > 0 && p[0] === '*') {
    p = p.slice(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (i + 1 < p.length) i++;
    } else if (c === '[') inRange = true;
    else if (c === ']') inRange = false;
    else if (c === '*' && !inRange) break;
  }
  return { star, chunk: p.slice(0, i), rest: p.slice(i) };
}

function getEsc(chunk: Chars): { r: string; rest: Chars } {
  let c = chunk;
  if (c.length === 0 || c[0] === '-' || c[0] === ']') throw new BadPatternError();
  if (c[0] === '\\') {
    c = c.slice(1);
    if (c.length === 0) throw new BadPatternError();
  }
  const r = c[0] ?? '';
  const rest = c.slice(1);
  if (rest.length === 0) throw new BadPatternError();
  return { r, rest };
}

function matchClass(chunkIn: Chars, r: string): { ok: boolean; chunk: Chars } {
  let chunk = chunkIn;
  let negated = false;
  if (chunk.length > 0 && chunk[0] === '^') {
    negated = true;
    chunk = chunk.slice(1);
  }
  let match = false;
  let ranges = 0;
  const code = r.codePointAt(0) ?? 0;
  for (;;) {
    if (chunk.length > 0 && chunk[0] === ']' && ranges > 0) {
      chunk = chunk.slice(1);
      break;
    }
    const lo = getEsc(chunk);
    let hi = lo;
    chunk = lo.rest;
    if (chunk[0] === '-') {
      hi = getEsc(chunk.slice(1));
      chunk = hi.rest;
    }
    if ((lo.r.codePointAt(0) ?? 0) <= code && code <= (hi.r.codePointAt(0) ?? 0)) match = true;
    ranges++;
  }
  return { ok: match !== negated, chunk };
}

/** Matches `chunk` against the start of `s`; the rest of `s`, or undefined. Throws on a bad pattern. */
function matchChunk(chunkIn: Chars, sIn: Chars): Chars | undefined {
  let chunk = chunkIn;
  let s = sIn;
  while (chunk.length > 0) {
    if (s.length === 0) return undefined;
    const c = chunk[0];
    if (c === '[') {
      const r = s[0] ?? '';
      s = s.slice(1);
      const cls = matchClass(chunk.slice(1), r);
      if (!cls.ok) return undefined;
      chunk = cls.chunk;
    } else if (c === '?') {
      s = s.slice(1);
      chunk = chunk.slice(1);
    } else {
      if (c === '\\') {
        chunk = chunk.slice(1);
        if (chunk.length === 0) throw new BadPatternError();
      }
      if (chunk[0] !== s[0]) return undefined;
      s = s.slice(1);
      chunk = chunk.slice(1);
    }
  }
  return s;
}

/** Whether `name` matches the whole of `pattern`. Throws {@link BadPatternError}. Pure. */
export function globMatch(patternText: string, nameText: string): boolean {
  let pattern: Chars = Array.from(patternText);
  let name: Chars = Array.from(nameText);
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    if (star && chunk.length === 0) return true;
    let failure: unknown;
    let t: Chars | undefined;
    try {
      t = matchChunk(chunk, name);
    } catch (error) {
      failure = error;
    }
    if (t !== undefined && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (failure) throw failure;
    if (star) {
      for (let i = 0; i < name.length; i++) {
        const tail = matchChunk(chunk, name.slice(i + 1));
        if (tail !== undefined) {
          if (pattern.length === 0 && tail.length > 0) continue;
          name = tail;
          continue outer;
        }
      }
    }
    return false;
  }
  return name.length === 0;
}
