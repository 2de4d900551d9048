import { compareKeys, formatFloat, formatValue, sortedEntries } from '../go-format.js';
import { GoCallError, GoValue, go, lengthOf, Types, type Maybe } from '../go-values.js';

/** Whether a value is Go's nil interface (or no value at all). */
export const isNil = (v: Maybe): boolean => v === undefined || (v.type.k === 'interface' && v.v === null);

/** Sprig's `strval`: strings as they are, anything else as `%v` (Stringers through `String()`). */
export function strval(v: Maybe): string {
  if (v?.type.k === 'string') return v.v as string;
  return formatValue(v);
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Go's `strconv.ParseInt(s, 0, 0)` (base prefixes, `_` separators), or undefined. */
function parseIntBase0(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(
    s.replace(/(?<=[0-9a-fA-F])_(?=[0-9a-fA-F])/g, ''),
  );
  if (!m) return undefined;
  const body = m[2] ?? '';
  let value = /^0[xXbB]/.test(body)
    ? BigInt(body)
    : /^0[oO]/.test(body)
      ? BigInt(`0o${body.slice(2)}`)
      : body.length > 1 && body.startsWith('0')
        ? BigInt(`0o${body.slice(1)}`)
        : BigInt(body);
  if (m[1] === '-') value = -value;
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** spf13/cast `trimZeroDecimal`: `12.00` → `12`. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') return foundZero ? s.slice(0, i - 1) : s;
    if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** spf13/cast `ToInt64`: numbers (floats truncated), numeric strings, bools; anything else 0. */
export function toInt64(v: Maybe): bigint {
  if (isNil(v)) return 0n;
  const value = v!.v;
  switch (v!.type.k) {
    case 'int':
      return value as bigint;
    case 'float64':
      return Number.isFinite(value as number) ? BigInt(Math.trunc(value as number)) : INT64_MIN;
    case 'string':
      return parseIntBase0(trimZeroDecimal(value as string)) ?? 0n;
    case 'bool':
      return value ? 1n : 0n;
    default:
      return 0n;
  }
}

/** spf13/cast `ToFloat64`. */
export function toFloat64(v: Maybe): number {
  if (isNil(v)) return 0;
  const value = v!.v;
  switch (v!.type.k) {
    case 'int':
      return Number(value as bigint);
    case 'float64':
      return value as number;
    case 'string': {
      const s = value as string;
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) || /^[+-]?(inf|infinity|nan)$/i.test(s)
        ? Number(s.replace(/inf(inity)?/i, 'Infinity'))
        : 0;
    }
    case 'bool':
      return value ? 1 : 0;
    default:
      return 0;
  }
}

/** Sprig's `strslice`: a list (nil elements dropped) or a single value as strings. */
export function strslice(v: Maybe): string[] {
  if (v?.type.k === 'slice') return ((v.v as GoValue[] | null) ?? []).filter((x) => !isNil(x)).map(strval);
  if (isNil(v)) return [];
  return [strval(v)];
}

/** Sprig's `empty`: zero values, empty collections and nil are empty; structs never are. */
export function empty(v: Maybe): boolean {
  if (isNil(v)) return true;
  const { type, v: value } = v!;
  switch (type.k) {
    case 'string':
    case 'slice':
    case 'map':
      return (lengthOf(v!) ?? 0) === 0;
    case 'bool':
      return value === false;
    case 'int':
      return value === 0n;
    case 'float64':
      return value === 0;
    case 'struct':
      return false;
    default:
      return value === null;
  }
}

/** A list's items (a nil list is empty); anything else fails as Sprig's `reflect` checks do. */
export function listItems(v: Maybe, fn: string): GoValue[] {
  if (v?.type.k === 'slice') return [...((v.v as GoValue[] | null) ?? [])];
  throw new GoCallError(`Cannot find ${fn} on type ${v?.type.name ?? '<nil>'}`);
}

/** Go's `encoding/json` Marshal of a value (`html` escapes as Go does unless `raw`). */
export function toJsonText(v: Maybe, indent = '', raw = false): string {
  const encode = (x: Maybe, depth: number): string => {
    if (isNil(x)) return 'null';
    const { type, v: value } = x!;
    const nl = indent ? `\n${indent.repeat(depth + 1)}` : '';
    const close = indent ? `\n${indent.repeat(depth)}` : '';
    const sep = indent ? ': ' : ':';
    switch (type.k) {
      case 'string':
        return jsonString(value as string, raw);
      case 'bool':
        return value ? 'true' : 'false';
      case 'int':
        return String(value);
      case 'float64':
        if (!Number.isFinite(value as number))
          throw new GoCallError(`json: unsupported value: ${formatFloat(value as number)}`);
        return jsonFloat(value as number);
      case 'slice': {
        const items = value as GoValue[] | null;
        if (items === null) return 'null';
        if (items.length === 0) return '[]';
        return `[${items.map((i) => nl + encode(i, depth + 1)).join(',')}${close}]`;
      }
      case 'map': {
        // encoding/json only takes string (or integer) keys: a struct-keyed map is unsupported.
        if (type.key.k !== 'string' && type.key.k !== 'int' && type.key.k !== 'interface')
          throw new GoCallError(`json: unsupported type: ${type.name}`);
        if (value === null) return 'null';
        const entries = sortedEntries(x!).sort(([a], [b]) => compareKeys(a, b));
        if (entries.length === 0) return '{}';
        return `{${entries.map(([k, i]) => `${nl}${jsonString(strval(k), raw)}${sep}${encode(i, depth + 1)}`).join(',')}${close}}`;
      }
      case 'struct': {
        const fields = type.fields.map((f) => [f.name, (value as Record<string, GoValue>)[f.name]] as const);
        if (fields.length === 0) return '{}';
        return `{${fields.map(([k, i]) => `${nl}${jsonString(k, raw)}${sep}${encode(i, depth + 1)}`).join(',')}${close}}`;
      }
      default:
        throw new GoCallError(`json: unsupported type: ${type.name}`);
    }
  };
  return encode(v, 0);
}

function jsonString(s: string, raw: boolean): string {
  let out = JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  if (!raw) out = out.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return out;
}

/** Go's JSON float: shortest, `%f` style between 1e-6 and 1e21, else `e` with a two-digit exponent trimmed. */
function jsonFloat(f: number): string {
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return f.toExponential();
  return String(f);
}

/** A string value. */
export const str = (s: string): GoValue => go.string(s);
/** An int64 value. */
export const i64 = (n: bigint | number): GoValue => go.int(n, Types.int64);
