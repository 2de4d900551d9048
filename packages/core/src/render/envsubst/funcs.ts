import { globMatch } from './glob.js';

/**
 * The substitution functions of fluxcd/pkg `envsubst/funcs.go`. Lengths and offsets count
 * UTF-8 bytes, as Go's do. Pure.
 */

/** A substitution operator applied to a value with its evaluated arguments. */
export type SubstituteFn = (s: string, args: readonly string[]) => string;

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

/** Go's strconv.Atoi: optional sign and decimal digits only. */
function atoi(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : undefined;
}

const toLen: SubstituteFn = (s) => String(Buffer.byteLength(s, 'utf8'));
const toLower: SubstituteFn = (s) => s.toLowerCase();
const toUpper: SubstituteFn = (s) => s.toUpperCase();

function firstRune(s: string, map: (c: string) => string): string {
  const first = s.codePointAt(0);
  if (first === undefined) return s;
  const c = String.fromCodePoint(first);
  return map(c) + s.slice(c.length);
}
const toLowerFirst: SubstituteFn = (s) => firstRune(s, (c) => c.toLowerCase());
const toUpperFirst: SubstituteFn = (s) => firstRune(s, (c) => c.toUpperCase());

/** The value if non-empty, else the arguments joined without a separator. */
const toDefault: SubstituteFn = (s, args) => (s.length === 0 && args.length > 0 ? args.join('') : s);

/** `${v:pos}` / `${v:pos:len}` with bash's negative offsets and out-of-range rules. */
const toSubstr: SubstituteFn = (s, args) => {
  if (args.length === 0) return s;
  const b = bytes(s);
  let pos = atoi(args[0] ?? '');
  if (pos === undefined) return s;
  if (pos < 0) pos = Math.max(b.length + pos, 0);
  if (args.length === 1) return pos < b.length ? b.subarray(pos).toString('utf8') : '';
  const length = atoi(args[1] ?? '');
  if (length === undefined) return s;
  if (pos + length >= b.length) return pos < b.length ? b.subarray(pos).toString('utf8') : '';
  return b.subarray(pos, pos + length).toString('utf8');
};

const replaceAll: SubstituteFn = (s, args) =>
  args.length === 0 ? s : s.replaceAll(args[0] ?? '', () => args[1] ?? '');
const replaceFirst: SubstituteFn = (s, args) =>
  args.length === 0 ? s : s.replace(args[0] ?? '', () => args[1] ?? '');
const replacePrefix: SubstituteFn = (s, args) =>
  args.length === 2 && s.startsWith(args[0] ?? '') ? (args[1] ?? '') + s.slice((args[0] ?? '').length) : s;
const replaceSuffix: SubstituteFn = (s, args) =>
  args.length === 2 && s.endsWith(args[0] ?? '')
    ? s.slice(0, s.length - (args[0] ?? '').length) + (args[1] ?? '')
    : s;

const reverse = (s: string): string => Array.from(s).reverse().join('');

function trimShortest(s: string, pattern: string): string {
  const chars = Array.from(s);
  let shortest = '';
  try {
    for (let i = 0; i < chars.length; i++) {
      const prefix = chars.slice(0, chars.length - i).join('');
      if (globMatch(pattern, prefix)) shortest = prefix;
    }
  } catch {
    return s;
  }
  return shortest !== '' && s.startsWith(shortest) ? s.slice(shortest.length) : s;
}

function trimLongest(s: string, pattern: string): string {
  const chars = Array.from(s);
  try {
    for (let i = 0; i < chars.length; i++) {
      const prefix = chars.slice(0, chars.length - i).join('');
      if (globMatch(pattern, prefix)) return s.slice(prefix.length);
    }
  } catch {
    return s;
  }
  return s;
}

const trimShortestPrefix: SubstituteFn = (s, args) =>
  args.length === 0 ? s : trimShortest(s, args[0] ?? '');
const trimLongestPrefix: SubstituteFn = (s, args) => (args.length === 0 ? s : trimLongest(s, args[0] ?? ''));
const trimShortestSuffix: SubstituteFn = (s, args) =>
  args.length === 0 ? s : reverse(trimShortest(reverse(s), reverse(args[0] ?? '')));
const trimLongestSuffix: SubstituteFn = (s, args) =>
  args.length === 0 ? s : reverse(trimLongest(reverse(s), reverse(args[0] ?? '')));

/** The function for an operator name (`lookupFunc`); unknown names fall back to the default. Pure. */
export function lookupFunc(name: string, argCount: number): SubstituteFn {
  switch (name) {
    case ',':
      return toLowerFirst;
    case ',,':
      return toLower;
    case '^':
      return toUpperFirst;
    case '^^':
      return toUpper;
    case '#':
      return argCount === 0 ? toLen : trimShortestPrefix;
    case '##':
      return trimLongestPrefix;
    case '%':
      return trimShortestSuffix;
    case '%%':
      return trimLongestSuffix;
    case ':':
      return toSubstr;
    case '/#':
      return replacePrefix;
    case '/%':
      return replaceSuffix;
    case '/':
      return replaceFirst;
    case '//':
      return replaceAll;
    default:
      return toDefault;
  }
}

/** Operators that supply their own value when the variable is unset (exempt from strict mode). Pure. */
export function isDefaultOperator(name: string): boolean {
  return ['-', '+', '=', '?', ':-', ':+', ':=', ':?'].includes(name);
}
