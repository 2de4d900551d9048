import { formatValue, sprint, sprintf, sprintln } from './go-format.js';
import {
  GoCallError,
  GoValue,
  go,
  isTrue,
  lengthOf,
  mapEntries,
  plain,
  Types,
  zero,
  type GoFunction,
  type GoType,
  type Maybe,
} from './go-values.js';

/** A function taking fixed and variadic parameters (the common shape of Go's template functions). */
export function fn(
  name: string,
  params: GoType[],
  call: (args: GoValue[]) => GoValue,
  options: { variadic?: GoType; fallible?: boolean } = {},
): GoFunction {
  return { name, params, call, ...options };
}

/** A nil interface is Go's zero `reflect.Value` after `indirectInterface`. */
const isZero = (v: Maybe): boolean => v === undefined || (v.type.k === 'interface' && v.v === null);

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid';
function basicKind(v: Maybe): Kind {
  if (v === undefined) return 'invalid';
  if (v.type.k === 'bool') return 'bool';
  if (v.type.k === 'int') return 'int';
  if (v.type.k === 'float64') return 'float';
  if (v.type.k === 'string') return 'string';
  return 'invalid';
}

const isNilValue = (v: Maybe): boolean =>
  isZero(v) || (v !== undefined && ['slice', 'map', 'func'].includes(v.type.k) && v.v === null);

/** Go's `Type.Comparable`: slices, maps and funcs are not, nor structs holding one. */
function comparable(type: GoType): boolean {
  if (type.k === 'slice' || type.k === 'map' || type.k === 'func') return false;
  return type.k !== 'struct' || type.fields.every((f) => comparable(f.type));
}

/** text/template's `eq`: basic kinds compare by value; other comparable values by identity of content. */
export function goEqual(a: Maybe, others: Maybe[]): boolean {
  if (others.length === 0) throw new GoCallError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of others) {
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (!isZero(a) && !isZero(b)) throw new GoCallError('incompatible types for comparison');
    } else if (k1 !== 'invalid') truth = a!.v === b!.v;
    else if (isZero(a) || isZero(b) || isNilValue(a) || isNilValue(b)) {
      if (a && b && a.type.k !== b.type.k && !isZero(a) && !isZero(b))
        throw new GoCallError(
          `non-comparable types ${formatValue(a, 0, 's')}: ${a.type.name}, ${b.type.name}: ${formatValue(b)}`,
        );
      truth = isNilValue(a) === isNilValue(b);
    } else if (a!.type.k !== b!.type.k)
      throw new GoCallError(
        `non-comparable types ${formatValue(a, 0, 's')}: ${a!.type.name}, ${b!.type.name}: ${formatValue(b)}`,
      );
    else if (!comparable(b!.type))
      throw new GoCallError(`non-comparable type ${formatValue(b, 0, 's')}: ${b!.type.name}`);
    else truth = a!.type.name === b!.type.name && JSON.stringify(plain(a)) === JSON.stringify(plain(b));
    if (truth) return true;
  }
  return false;
}

/** text/template's `lt`. */
export function goLess(a: Maybe, b: Maybe): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new GoCallError('invalid type for comparison');
  if (k1 !== k2) throw new GoCallError('incompatible types for comparison');
  if (k1 === 'bool') throw new GoCallError('invalid type for comparison');
  if (k1 === 'string') return Buffer.compare(Buffer.from(a!.v as string), Buffer.from(b!.v as string)) < 0;
  return (a!.v as number | bigint) < (b!.v as number | bigint);
}

function indexArg(index: Maybe, cap: number): number {
  if (index === undefined || isZero(index)) throw new GoCallError('cannot index slice/array with nil');
  if (index.type.k !== 'int') throw new GoCallError(`cannot index slice/array with type ${index.type.name}`);
  const x = index.v as bigint;
  if (x < 0n || x > BigInt(cap)) throw new GoCallError(`index out of range: ${x}`);
  return Number(x);
}

function indexOne(item: GoValue, index: Maybe): GoValue {
  if (item.type.k === 'slice' || item.type.k === 'string') {
    const len = lengthOf(item) ?? 0;
    const x = indexArg(index, len);
    if (x === len)
      throw new GoCallError(`reflect: ${item.type.k === 'string' ? 'string' : 'slice'} index out of range`);
    if (item.type.k === 'string') return go.int(Buffer.from(item.v as string, 'utf8')[x] ?? 0, Types.uint8);
    return ((item.v as GoValue[] | null) ?? [])[x]!;
  }
  if (item.type.k === 'map') {
    const keyType = item.type.key;
    if (index === undefined || isZero(index)) {
      if (keyType.k !== 'interface') throw new GoCallError(`value is nil; should be of type ${keyType.name}`);
    } else if (keyType.k !== 'interface' && index.type.name !== keyType.name)
      throw new GoCallError(`value has type ${index.type.name}; should be ${keyType.name}`);
    const key = JSON.stringify(plain(index));
    const hit = mapEntries(item).find(([k]) => JSON.stringify(plain(k)) === key);
    return hit?.[1] ?? zero(item.type.elem);
  }
  throw new GoCallError(`can't index item of type ${item.type.name}`);
}

function sliceValue(item: Maybe, indexes: Maybe[]): GoValue {
  if (isZero(item)) throw new GoCallError('slice of untyped nil');
  const value = item!;
  if (indexes.length > 3) throw new GoCallError(`too many slice indexes: ${indexes.length}`);
  if (value.type.k !== 'string' && value.type.k !== 'slice')
    throw new GoCallError(`can't slice item of type ${value.type.name}`);
  if (value.type.k === 'string' && indexes.length === 3)
    throw new GoCallError('cannot 3-index slice a string');
  const len = lengthOf(value) ?? 0;
  const idx = [0, len, len];
  indexes.forEach((index, i) => (idx[i] = indexArg(index, len)));
  if (idx[0]! > idx[1]!) throw new GoCallError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!)
    throw new GoCallError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (value.type.k === 'string')
    return go.string(
      Buffer.from(value.v as string, 'utf8')
        .subarray(idx[0], idx[1])
        .toString('utf8'),
    );
  return new GoValue(value.type, ((value.v as GoValue[] | null) ?? []).slice(idx[0], idx[1]));
}

/** text/template's `evalArgs`: one string as is, else `fmt.Sprint` with nil printed as `<no value>`. */
const stringOf = (args: GoValue[]): string =>
  args.length === 1 && args[0]?.type.k === 'string'
    ? (args[0].v as string)
    : sprint(args.map((a) => (isZero(a) ? go.string('<no value>') : a)));

function htmlEscape(s: string): string {
  return s.replace(
    /[\0"'&<>]/g,
    (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c,
  );
}

function jsEscape(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    const simple: Record<string, string> = {
      '\\': '\\\\',
      "'": "\\'",
      '"': '\\"',
      '<': '\\u003C',
      '>': '\\u003E',
      '&': '\\u0026',
      '=': '\\u003D',
    };
    if (simple[c]) out += simple[c];
    else if (code < 0x20) out += `\\u00${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += c;
  }
  return out;
}

/** Go's `url.QueryEscape`. */
export function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const any = Types.any;
const bool = (b: boolean): GoValue => go.bool(b);

/** text/template's builtin functions. */
export const BUILTINS: readonly GoFunction[] = [
  { name: 'and', params: [any], variadic: any, lazy: true, call: () => go.nil() },
  { name: 'or', params: [any], variadic: any, lazy: true, call: () => go.nil() },
  fn('not', [any], ([a]) => bool(!isTrue(a).truth)),
  fn(
    'len',
    [any],
    ([a]) => {
      if (isZero(a)) throw new GoCallError('reflect: call of reflect.Value.Type on zero Value');
      const n = lengthOf(a!);
      if (n === undefined) throw new GoCallError(`len of type ${a!.type.name}`);
      return go.int(n);
    },
    { fallible: true },
  ),
  fn(
    'index',
    [any],
    ([item, ...indexes]) => {
      if (isZero(item)) throw new GoCallError('index of untyped nil');
      let current = item!;
      for (const index of indexes) current = indexOne(current, index);
      return current;
    },
    { variadic: any, fallible: true },
  ),
  fn('slice', [any], ([item, ...indexes]) => sliceValue(item, indexes), { variadic: any, fallible: true }),
  fn('print', [], (args) => go.string(sprint(args)), { variadic: any }),
  fn('printf', [Types.string], ([format, ...args]) => go.string(sprintf(format!.v as string, args)), {
    variadic: any,
  }),
  fn('println', [], (args) => go.string(sprintln(args)), { variadic: any }),
  fn('html', [], (args) => go.string(htmlEscape(stringOf(args))), { variadic: any }),
  fn('js', [], (args) => go.string(jsEscape(stringOf(args))), { variadic: any }),
  fn('urlquery', [], (args) => go.string(queryEscape(stringOf(args))), { variadic: any }),
  fn('eq', [any], ([a, ...rest]) => bool(goEqual(a, rest)), { variadic: any, fallible: true }),
  fn('ne', [any, any], ([a, b]) => bool(!goEqual(a, [b])), { fallible: true }),
  fn('lt', [any, any], ([a, b]) => bool(goLess(a, b)), { fallible: true }),
  fn('le', [any, any], ([a, b]) => bool(goLess(a, b) || goEqual(a, [b])), { fallible: true }),
  fn('gt', [any, any], ([a, b]) => bool(!(goLess(a, b) || goEqual(a, [b]))), { fallible: true }),
  fn('ge', [any, any], ([a, b]) => bool(!goLess(a, b)), { fallible: true }),
  fn(
    'call',
    [any],
    ([f]) => {
      throw new GoCallError(isZero(f) ? 'call of nil' : `non-function of type ${f!.type.name}`);
    },
    { variadic: any, fallible: true },
  ),
];
