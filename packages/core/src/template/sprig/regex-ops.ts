import type { RE2JS } from 're2js';

/** One match: start and end (UTF-16 offsets) and its groups. */
interface Match {
  start: number;
  end: number;
  groups: (string | undefined)[];
}

/** Go's `allMatches`: leftmost matches, never an empty match right after a previous one; n < 0 means all. */
function allMatches(re: RE2JS, s: string, n: number): Match[] {
  const out: Match[] = [];
  const matcher = re.matcher(s);
  const groupCount = re.groupCount();
  let prevEnd = -1;
  for (let pos = 0; (n < 0 || out.length < n) && pos <= s.length;) {
    if (!matcher.find(pos)) break;
    const start = matcher.start();
    const end = matcher.end();
    let accept = true;
    if (end === pos) {
      if (start === prevEnd) accept = false;
      pos += pos < s.length ? String.fromCodePoint(s.codePointAt(pos) ?? 0).length : 1;
    } else pos = end;
    prevEnd = end;
    if (accept)
      out.push({
        start,
        end,
        groups: Array.from({ length: groupCount + 1 }, (_, i) => matcher.group(i) ?? undefined),
      });
  }
  return out;
}

/** Go's `FindAllString(s, n)`. */
export function regexFindAll(re: RE2JS, s: string, n: number): string[] {
  if (n === 0) return [];
  return allMatches(re, s, n).map((m) => s.slice(m.start, m.end));
}

const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;

/** Go's `Regexp.Expand` of `template` over one match. */
function expand(template: string, m: Match, names: Record<string, number>): string {
  let out = '';
  let rest = template;
  for (let at = rest.indexOf('$'); at >= 0; at = rest.indexOf('$')) {
    out += rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const braced = rest.startsWith('{');
    const body = braced ? rest.slice(1) : rest;
    let end = 0;
    for (const c of body) {
      if (!NAME_CHAR.test(c)) break;
      end += c.length;
    }
    if (end === 0 || (braced && body[end] !== '}')) {
      out += '$';
      continue;
    }
    const name = body.slice(0, end);
    rest = body.slice(braced ? end + 1 : end);
    const num = /^(0|[1-9][0-9]{0,7})$/.test(name) ? Number(name) : -1;
    const index = num >= 0 ? num : names[name];
    if (index !== undefined) out += m.groups[index] ?? '';
  }
  return out + rest;
}

/** Go's `ReplaceAllString` (with `$` expansion) or `ReplaceAllLiteralString`. */
export function regexReplace(re: RE2JS, s: string, replacement: string, literal: boolean): string {
  let out = '';
  let lastEnd = 0;
  const names = re.namedGroups();
  for (const m of allMatchesForReplace(re, s)) {
    out += s.slice(lastEnd, m.start);
    if (m.end > lastEnd || m.start === 0) out += literal ? replacement : expand(replacement, m, names);
    lastEnd = m.end;
  }
  return out + s.slice(lastEnd);
}

/** The match sequence `replaceAll` walks (it keeps an empty match right after a previous one). */
function allMatchesForReplace(re: RE2JS, s: string): Match[] {
  const out: Match[] = [];
  const matcher = re.matcher(s);
  const groupCount = re.groupCount();
  for (let pos = 0; pos <= s.length;) {
    if (!matcher.find(pos)) break;
    const m = {
      start: matcher.start(),
      end: matcher.end(),
      groups: Array.from({ length: groupCount + 1 }, (_, i) => matcher.group(i) ?? undefined),
    };
    out.push(m);
    const width = pos < s.length ? String.fromCodePoint(s.codePointAt(pos) ?? 0).length : 1;
    pos = pos + width > m.end ? pos + width : pos + 1 > m.end ? pos + 1 : m.end;
  }
  return out;
}

/** Go's `Regexp.Split(s, n)`. */
export function regexSplit(re: RE2JS, pattern: string, s: string, n: number): string[] {
  if (n === 0) return [];
  if (pattern.length > 0 && s.length === 0) return [''];
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
