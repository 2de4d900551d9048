/**
 * Go's `path/filepath.Match` (Unix), the glob that go-git's gitignore patterns use: `*` any run
 * of non-`/` characters, `?` one character, `[...]`/`[^...]` classes with ranges, `\` escapes.
 * A malformed pattern never matches (Go returns ErrBadPattern, which callers treat as false).
 */

class BadPattern extends Error {}

type Chars = readonly string[];

/** Splits off a leading run of `*` and the chunk up to the next unbracketed `*`. */
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

/** One (possibly escaped) character of a class; throws BadPattern like Go's getEsc. */
function getEsc(chunk: Chars): { r: string; rest: Chars } {
  let c = chunk;
  if (c.length === 0 || c[0] === '-' || c[0] === ']') throw new BadPattern();
  if (c[0] === '\\') {
    c = c.slice(1);
    if (c.length === 0) throw new BadPattern();
  }
  const r = c[0] as string;
  const rest = c.slice(1);
  if (rest.length === 0) throw new BadPattern();
  return { r, rest };
}

/** Matches a character class at the head of `chunk` against `r`; returns the rest and whether it matched. */
function matchClass(chunk: Chars, r: string | undefined): { rest: Chars; match: boolean } {
  let c: Chars = chunk.slice(1);
  let negated = false;
  if (c.length > 0 && c[0] === '^') {
    negated = true;
    c = c.slice(1);
  }
  let match = false;
  for (let n = 0; ; n++) {
    if (c.length > 0 && c[0] === ']' && n > 0) {
      c = c.slice(1);
      break;
    }
    const lo = getEsc(c);
    let hi = lo.r;
    c = lo.rest;
    if (c[0] === '-') {
      const h = getEsc(c.slice(1));
      hi = h.r;
      c = h.rest;
    }
    const code = r?.codePointAt(0);
    if (code !== undefined && (lo.r.codePointAt(0) ?? 0) <= code && code <= (hi.codePointAt(0) ?? 0))
      match = true;
  }
  return { rest: c, match: match !== negated };
}

/** Go's matchChunk: the rest of `s` after `chunk`, or undefined; keeps validating after a miss. */
function matchChunk(chunk: Chars, s: Chars): Chars | undefined {
  let c = chunk;
  let rest = s;
  let failed = false;
  while (c.length > 0) {
    if (!failed && rest.length === 0) failed = true;
    const head = c[0];
    if (head === '[') {
      const r = failed ? undefined : rest[0];
      if (!failed) rest = rest.slice(1);
      const cls = matchClass(c, r);
      c = cls.rest;
      if (!cls.match) failed = true;
    } else if (head === '?') {
      if (!failed) {
        if (rest[0] === '/') failed = true;
        rest = rest.slice(1);
      }
      c = c.slice(1);
    } else {
      if (head === '\\') {
        c = c.slice(1);
        if (c.length === 0) throw new BadPattern();
      }
      if (!failed) {
        if (c[0] !== rest[0]) failed = true;
        rest = rest.slice(1);
      }
      c = c.slice(1);
    }
  }
  return failed ? undefined : rest;
}

function matchChars(pattern: Chars, name: Chars): boolean {
  let p = pattern;
  let n = name;
  outer: while (p.length > 0) {
    const { star, chunk, rest } = scanChunk(p);
    p = rest;
    if (star && chunk.length === 0) return !n.includes('/');
    const t = matchChunk(chunk, n);
    if (t !== undefined && (t.length === 0 || p.length > 0)) {
      n = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < n.length && n[i] !== '/'; i++) {
        const t2 = matchChunk(chunk, n.slice(i + 1));
        if (t2 === undefined || (p.length === 0 && t2.length > 0)) continue;
        n = t2;
        continue outer;
      }
    }
    while (p.length > 0) {
      const next = scanChunk(p);
      p = next.rest;
      matchChunk(next.chunk, []);
    }
    return false;
  }
  return n.length === 0;
}

/** Whether `name` matches the glob `pattern`, as Go's filepath.Match reports it. Pure. */
export function filepathMatch(pattern: string, name: string): boolean {
  try {
    return matchChars(Array.from(pattern), Array.from(name));
  } catch (error) {
    if (error instanceof BadPattern) return false;
    throw error;
  }
}
