import type { GoRegexp } from '../../regex/index.js';

/** One match: start and end (UTF-16 offsets) and its groups. */
type Match = NonNullable<ReturnType<GoRegexp['findFrom']>>;

const width = (s: string, pos: number): number =>
  pos < s.length ? String.fromCodePoint(s.codePointAt(pos) ?? 0).length : 1;

/** Go's `allMatches`: leftmost matches, never an empty match right after a previous one; n < 0 means all. */
function allMatches(re: GoRegexp, s: string, n: number): Match[] {
  const out: Match[] = [];
  let prevEnd = -1;
  for (let pos = 0; (n < 0 || out.length < n) && pos <= s.length;) {
    const m = re.findFrom(s, pos);
    if (!m) break;
    let accept = true;
    if (m.end === pos) {
      if (m.start === prevEnd) accept = false;
      pos += width(s, pos);
    } else pos = m.end;
    prevEnd = m.end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's `FindAllString(s, n)`. */
export function regexFindAll(re: GoRegexp, s: string, n: number): string[] {
  if (n === 0) return [];
  return allMatches(re, s, n).map((m) => s.slice(m.start, m.end));
}

/** Go's `ReplaceAllString` (with `$` expansion) or `ReplaceAllLiteralString`. */
export function regexReplace(re: GoRegexp, s: string, replacement: string, literal: boolean): string {
  let out = '';
  let lastEnd = 0;
  for (let pos = 0; pos <= s.length;) {
    const m = re.findFrom(s, pos);
    if (!m) break;
    out += s.slice(lastEnd, m.start);
    // No replacement for an empty match right after another one (Go's rule).
    if (m.end > lastEnd || m.start === 0)
      out += literal ? replacement : re.expandString(replacement, m.groups);
    lastEnd = m.end;
    const w = width(s, pos);
    pos = pos + w > m.end ? pos + w : pos + 1 > m.end ? pos + 1 : m.end;
  }
  return out + s.slice(lastEnd);
}

/** Go's `Regexp.Split(s, n)`. */
export function regexSplit(re: GoRegexp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.source.length > 0 && s.length === 0) return [''];
  const parts: string[] = [];
  let begin = 0;
  let end = 0;
  for (const m of allMatches(re, s, n)) {
    if (n > 0 && parts.length === n - 1) break;
    end = m.start;
    if (m.end !== 0) parts.push(s.slice(begin, end));
    begin = m.end;
  }
  if (end !== s.length) parts.push(s.slice(begin));
  return parts;
}
