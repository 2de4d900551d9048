import { posix } from 'node:path';
import { compileGoRegexp, GoRegexpError, type GoRegexp } from '../../regex/index.js';
import { parseConstraints, parseVersion, satisfies } from '../../semver/index.js';
import { fn } from '../builtins.js';
import { GoCallError, fromJson, go, plain, Types, type GoFunction, type GoValue } from '../go-values.js';
import { kindName } from './collections.js';
import { empty, isNil, str, toJsonText } from './convert.js';
import { regexFindAll, regexReplace, regexSplit } from './regex-ops.js';

const A = Types.any;
const S = Types.string;
const I = Types.int;
const B = Types.bool;
const sv = (v: GoValue | undefined): string => (v?.v as string) ?? '';

/** Go's `path.Clean`. */
function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else parts.push(part);
  }
  const out = (rooted ? '/' : '') + parts.join('/');
  return out === '' ? '.' : out;
}

/** Go's `path.Base` and `path.Dir`. */
const baseName = (p: string): string => {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
};
const dirName = (p: string): string => cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
const extName = (p: string): string => {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
};

/** Go's `%T` of a value (`<nil>` for nil). */
export function typeName(v: GoValue | undefined): string {
  return isNil(v) ? '<nil>' : v!.type.name;
}

/** Compiles a template's pattern (Go's `regexp.Compile`, or `MustCompile`'s panic text). */
function compile(pattern: string, must: boolean): GoRegexp {
  try {
    return compileGoRegexp(pattern);
  } catch (error) {
    if (!(error instanceof GoRegexpError)) throw error;
    throw new GoCallError(must ? error.message : `regexp: Compile(\`${pattern}\`): ${error.message}`);
  }
}

function regexFuncs(): GoFunction[] {
  const out: GoFunction[] = [];
  for (const must of [false, true]) {
    const name = (base: string): string => (must ? `must${base[0]!.toUpperCase()}${base.slice(1)}` : base);
    out.push(
      fn(
        name('regexMatch'),
        [S, S],
        ([re, s]) => {
          try {
            return go.bool(compileGoRegexp(sv(re)).matchString(sv(s)));
          } catch (error) {
            if (!(error instanceof GoRegexpError)) throw error;
            if (must) throw new GoCallError(error.message);
            return go.bool(false);
          }
        },
        { fallible: true },
      ),
      fn(
        name('regexFindAll'),
        [S, S, I],
        ([re, s, n]) =>
          go.slice(S, regexFindAll(compile(sv(re), must), sv(s), Number(n!.v as bigint)).map(str)),
        { fallible: true },
      ),
      fn(
        name('regexFind'),
        [S, S],
        ([re, s]) => str(regexFindAll(compile(sv(re), must), sv(s), 1)[0] ?? ''),
        {
          fallible: true,
        },
      ),
      fn(
        name('regexReplaceAll'),
        [S, S, S],
        ([re, s, r]) => str(regexReplace(compile(sv(re), must), sv(s), sv(r), false)),
        {
          fallible: true,
        },
      ),
      fn(
        name('regexReplaceAllLiteral'),
        [S, S, S],
        ([re, s, r]) => str(regexReplace(compile(sv(re), must), sv(s), sv(r), true)),
        { fallible: true },
      ),
      fn(
        name('regexSplit'),
        [S, S, I],
        ([re, s, n]) =>
          go.slice(S, regexSplit(compile(sv(re), must), sv(s), Number(n!.v as bigint)).map(str)),
        { fallible: true },
      ),
    );
  }
  out.push(fn('regexQuoteMeta', [S], ([s]) => str(sv(s).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&'))));
  return out;
}

function jsonFuncs(): GoFunction[] {
  const encoders: [string, (v: GoValue | undefined) => string][] = [
    ['toJson', (v) => toJsonText(v)],
    ['toPrettyJson', (v) => toJsonText(v, '  ')],
    ['toRawJson', (v) => toJsonText(v, '', true)],
  ];
  return [
    ...encoders.flatMap(([name, encode]) => [
      fn(
        name,
        [A],
        ([v]) => {
          try {
            return str(encode(v));
          } catch (error) {
            if (name === 'toRawJson') throw error;
            return str('');
          }
        },
        { fallible: true },
      ),
      fn(`must${name[0]!.toUpperCase()}${name.slice(1)}`, [A], ([v]) => str(encode(v)), { fallible: true }),
    ]),
    fn('fromJson', [S], ([s]) => {
      try {
        return fromJson(JSON.parse(sv(s)));
      } catch {
        return go.nil();
      }
    }),
    fn(
      'mustFromJson',
      [S],
      ([s]) => {
        try {
          return fromJson(JSON.parse(sv(s)));
        } catch (error) {
          throw new GoCallError(error instanceof Error ? error.message : String(error));
        }
      },
      { fallible: true },
    ),
  ];
}

function base32(text: string, decode: boolean): string {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  if (!decode) {
    const bytes = Buffer.from(text, 'utf8');
    let bits = '';
    for (const b of bytes) bits += b.toString(2).padStart(8, '0');
    let out = '';
    for (let i = 0; i < bits.length; i += 5)
      out += ALPHABET[Number.parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
    return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
  }
  const clean = text.replace(/=+$/, '');
  if (text.length % 8 !== 0 || /[^A-Z2-7]/.test(clean))
    return `illegal base32 data at input byte ${Math.max(0, clean.search(/[^A-Z2-7]/))}`;
  let bits = '';
  for (const c of clean) bits += ALPHABET.indexOf(c).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(Number.parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes).toString('utf8');
}

/** Sprig's defaults, reflection, encoding, path, regex, semver and flow functions. */
export const MISC_FUNCS: GoFunction[] = [
  fn('hello', [], () => str('Hello!')),
  fn('default', [A], ([d, ...given]) => (given.length === 0 || empty(given[0]) ? d! : given[0]!), {
    variadic: A,
  }),
  fn('empty', [A], ([v]) => go.bool(empty(v))),
  fn('coalesce', [], (args) => args.find((v) => !empty(v)) ?? go.nil(), { variadic: A }),
  fn('all', [], (args) => go.bool(args.every((v) => !empty(v))), { variadic: A }),
  fn('any', [], (args) => go.bool(args.some((v) => !empty(v))), { variadic: A }),
  fn('ternary', [A, A, B], ([t, f, c]) => (c!.v ? t! : f!)),
  fn('typeOf', [A], ([v]) => str(typeName(v))),
  fn('typeIs', [S, A], ([t, v]) => go.bool(sv(t) === typeName(v))),
  fn('kindOf', [A], ([v]) => str(kindName(v))),
  fn('kindIs', [S, A], ([t, v]) => go.bool(sv(t) === kindName(v))),
  fn('deepEqual', [A, A], ([a, b]) =>
    go.bool(typeName(a) === typeName(b) && JSON.stringify(plain(a)) === JSON.stringify(plain(b))),
  ),
  ...jsonFuncs(),
  ...regexFuncs(),
  ...['base', 'osBase'].map((n) => fn(n, [S], ([p]) => str(baseName(sv(p))))),
  ...['dir', 'osDir'].map((n) => fn(n, [S], ([p]) => str(dirName(sv(p))))),
  ...['clean', 'osClean'].map((n) => fn(n, [S], ([p]) => str(cleanPath(sv(p))))),
  ...['ext', 'osExt'].map((n) => fn(n, [S], ([p]) => str(extName(sv(p))))),
  ...['isAbs', 'osIsAbs'].map((n) => fn(n, [S], ([p]) => go.bool(posix.isAbsolute(sv(p))))),
  fn('b32enc', [S], ([s]) => str(base32(sv(s), false))),
  fn('b32dec', [S], ([s]) => str(base32(sv(s), true))),
  fn(
    'semverCompare',
    [S, S],
    ([c, v]) => {
      try {
        return go.bool(satisfies(parseConstraints(sv(c)), parseVersion(sv(v))));
      } catch (error) {
        throw new GoCallError(error instanceof Error ? error.message : String(error));
      }
    },
    { fallible: true },
  ),
  fn(
    'fail',
    [S],
    ([m]) => {
      throw new GoCallError(sv(m));
    },
    { fallible: true },
  ),
];
