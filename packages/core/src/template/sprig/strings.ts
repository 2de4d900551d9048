import { createHash } from 'node:crypto';
import { fn } from '../builtins.js';
import { goQuote } from '../lexer.js';
import { formatValue } from '../go-format.js';
import { go, Types, type GoFunction, type GoValue } from '../go-values.js';
import { adler32 } from '../../images/tag-list.js';
import { isNil, str, strslice, strval } from './convert.js';

const S = Types.string;
const I = Types.int;
const A = Types.any;
const s = (v: GoValue | undefined): string => (v?.v as string) ?? '';
const n = (v: GoValue | undefined): number => Number((v?.v as bigint) ?? 0n);
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

/** Go's `strings.Title` (deprecated, but Sprig's `title`): upper-case the first letter of each word. */
function title(text: string): string {
  const isSeparator = (c: string): boolean =>
    (c.codePointAt(0) ?? 0) <= 0x7f ? !/[0-9A-Za-z_]/.test(c) : !/[\p{L}\p{Nd}]/u.test(c) && /\s/u.test(c);
  let prev = ' ';
  let out = '';
  for (const c of text) {
    out += isSeparator(prev) ? c.toUpperCase() : c;
    prev = c;
  }
  return out;
}

/** goutils `Abbreviate(s, width)`: `abc...` within width (at least 4). */
function abbreviate(text: string, width: number): string {
  if (width < 4) return text;
  const runes = [...text];
  if (runes.length <= width) return text;
  return `${runes.slice(0, width - 3).join('')}...`;
}

/** goutils `Initials`: first letter of each space-separated word. */
function initials(text: string): string {
  return text
    .split(/\s+/u)
    .filter((w) => w !== '')
    .map((w) => [...w][0] ?? '')
    .join('');
}

/** goutils `DeleteWhiteSpace`. */
const noSpace = (text: string): string => text.replace(/\s/gu, '');

/** goutils `Uncapitalize`. */
function uncapitalize(text: string): string {
  const [first = '', ...rest] = [...text];
  return first.toLowerCase() + rest.join('');
}

/** Go's `strings.Trim(s, cutset)`. */
function trimSet(text: string, cutset: string): string {
  const set = new Set([...cutset]);
  const runes = [...text];
  let start = 0;
  let end = runes.length;
  while (start < end && set.has(runes[start]!)) start++;
  while (end > start && set.has(runes[end - 1]!)) end--;
  return runes.slice(start, end).join('');
}

/** Go's `strings.SplitN`, as JavaScript lacks a remainder-keeping split. */
function splitN(text: string, sep: string, count: number): string[] {
  if (count === 0) return [];
  const parts = sep === '' ? [...text] : text.split(sep);
  if (count < 0 || parts.length <= count) return parts;
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join(sep)];
}

const underscoreMap = (parts: string[]): GoValue =>
  go.map(
    S,
    parts.map((p, i) => [`_${i}`, str(p)]),
  );

/** Sprig's string functions. */
export const STRING_FUNCS: GoFunction[] = [
  fn('abbrev', [I, S], ([w, t]) => str(abbreviate(s(t), n(w)))),
  fn('trunc', [I, S], ([c, t]) => {
    const b = bytes(s(t));
    const count = n(c);
    if (count < 0 && b.length + count > 0) return str(b.subarray(b.length + count).toString('utf8'));
    if (count >= 0 && b.length > count) return str(b.subarray(0, count).toString('utf8'));
    return str(s(t));
  }),
  fn('trim', [S], ([t]) => str(s(t).replace(/^[\s\u0085]+|[\s\u0085]+$/gu, ''))),
  fn('upper', [S], ([t]) => str(s(t).toUpperCase())),
  fn('lower', [S], ([t]) => str(s(t).toLowerCase())),
  fn('title', [S], ([t]) => str(title(s(t)))),
  fn('untitle', [S], ([t]) => str(uncapitalize(s(t)))),
  fn('substr', [I, I, S], ([a, b, t]) => {
    const buf = bytes(s(t));
    const [start, end] = [n(a), n(b)];
    if (start < 0) return str(buf.subarray(0, end).toString('utf8'));
    if (end < 0 || end > buf.length) return str(buf.subarray(start).toString('utf8'));
    return str(buf.subarray(start, end).toString('utf8'));
  }),
  fn('repeat', [I, S], ([c, t]) => str(s(t).repeat(Math.max(0, Math.min(n(c), 1_000_000))))),
  fn('trimall', [S, S], ([a, b]) => str(trimSet(s(b), s(a)))),
  fn('trimAll', [S, S], ([a, b]) => str(trimSet(s(b), s(a)))),
  fn('trimSuffix', [S, S], ([a, b]) =>
    str(s(b).endsWith(s(a)) ? s(b).slice(0, s(b).length - s(a).length) : s(b)),
  ),
  fn('trimPrefix', [S, S], ([a, b]) => str(s(b).startsWith(s(a)) ? s(b).slice(s(a).length) : s(b))),
  fn('nospace', [S], ([t]) => str(noSpace(s(t)))),
  fn('initials', [S], ([t]) => str(initials(s(t)))),
  fn('contains', [S, S], ([a, b]) => go.bool(s(b).includes(s(a)))),
  fn('hasPrefix', [S, S], ([a, b]) => go.bool(s(b).startsWith(s(a)))),
  fn('hasSuffix', [S, S], ([a, b]) => go.bool(s(b).endsWith(s(a)))),
  fn(
    'quote',
    [],
    (args) =>
      str(
        args
          .filter((a) => !isNil(a))
          .map((a) => goQuote(strval(a)))
          .join(' '),
      ),
    { variadic: A },
  ),
  fn(
    'squote',
    [],
    (args) =>
      str(
        args
          .filter((a) => !isNil(a))
          .map((a) => `'${formatValue(a)}'`)
          .join(' '),
      ),
    { variadic: A },
  ),
  fn(
    'cat',
    [],
    (args) =>
      str(
        args
          .filter((a) => !isNil(a))
          .map((a) => formatValue(a))
          .join(' '),
      ),
    { variadic: A },
  ),
  fn('indent', [I, S], ([c, t]) => {
    const pad = ' '.repeat(Math.max(0, n(c)));
    return str(pad + s(t).split('\n').join(`\n${pad}`));
  }),
  fn('nindent', [I, S], ([c, t]) => {
    const pad = ' '.repeat(Math.max(0, n(c)));
    return str(`\n${pad}${s(t).split('\n').join(`\n${pad}`)}`);
  }),
  fn('replace', [S, S, S], ([o, w, t]) => str(s(o) === '' ? s(t) : s(t).split(s(o)).join(s(w)))),
  fn('plural', [S, S, I], ([one, many, c]) => str(n(c) === 1 ? s(one) : s(many))),
  fn('sha1sum', [S], ([t]) => str(createHash('sha1').update(s(t)).digest('hex'))),
  fn('sha256sum', [S], ([t]) => str(createHash('sha256').update(s(t)).digest('hex'))),
  fn('adler32sum', [S], ([t]) => str(String(adler32(bytes(s(t)))))),
  fn('toString', [A], ([v]) => str(strval(v))),
  fn('split', [S, S], ([sep, t]) => underscoreMap(s(sep) === '' ? [...s(t)] : s(t).split(s(sep)))),
  fn('splitList', [S, S], ([sep, t]) =>
    go.slice(S, s(sep) === '' ? [...s(t)].map(str) : s(t).split(s(sep)).map(str)),
  ),
  fn('splitn', [S, I, S], ([sep, c, t]) => underscoreMap(splitN(s(t), s(sep), n(c)))),
  fn('toStrings', [A], ([v]) => go.slice(S, strslice(v).map(str))),
  fn('join', [S, A], ([sep, v]) => str(strslice(v).join(s(sep)))),
  fn('b64enc', [S], ([t]) => str(bytes(s(t)).toString('base64'))),
  fn('b64dec', [S], ([t]) => {
    const text = s(t);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
      return str(`illegal base64 data at input byte ${Math.max(0, text.search(/[^A-Za-z0-9+/=]/))}`);
    return str(Buffer.from(text, 'base64').toString('utf8'));
  }),
];
