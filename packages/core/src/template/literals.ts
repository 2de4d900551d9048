import type { NumberNode } from './nodes.js';

/** A literal Go refuses; the message is Go's. */
export class LiteralError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** `strconv.UnquoteChar` at `s[i]`: the character and where the next one starts. */
function unquoteChar(s: string, i: number, quote: string): { value: string; next: number } {
  const c = s[i];
  if (c === undefined) throw new LiteralError('invalid syntax');
  if (c === quote && (quote === "'" || quote === '"')) throw new LiteralError('invalid syntax');
  if (c !== '\\') {
    const ch = String.fromCodePoint(s.codePointAt(i) ?? 0);
    return { value: ch, next: i + ch.length };
  }
  const e = s[i + 1];
  if (e === undefined) throw new LiteralError('invalid syntax');
  if (e in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[e] ?? '', next: i + 2 };
  if (e === "'" || e === '"') {
    if (e !== quote) throw new LiteralError('invalid syntax');
    return { value: e, next: i + 2 };
  }
  const hex = { x: 2, u: 4, U: 8 }[e];
  if (hex !== undefined) {
    const digits = s.slice(i + 2, i + 2 + hex);
    if (digits.length !== hex || !/^[0-9a-fA-F]+$/.test(digits)) throw new LiteralError('invalid syntax');
    const code = Number.parseInt(digits, 16);
    if (e !== 'x' && (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)))
      throw new LiteralError('invalid syntax');
    // \x is a byte; outside a byte string Go only accepts it below 0x80 in valid UTF-8 (approximated).
    return { value: String.fromCodePoint(code), next: i + 2 + hex };
  }
  if (e >= '0' && e <= '7') {
    const digits = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(digits)) throw new LiteralError('invalid syntax');
    const code = Number.parseInt(digits, 8);
    if (code > 255) throw new LiteralError('invalid syntax');
    return { value: String.fromCodePoint(code), next: i + 4 };
  }
  throw new LiteralError('invalid syntax');
}

/** `strconv.Unquote` of a `"…"` or `` `…` `` literal. */
export function unquote(quoted: string): string {
  const q = quoted[0];
  if (q === '`') return quoted.slice(1, -1).replace(/\r/g, '');
  if (q !== '"' || quoted.length < 2 || !quoted.endsWith('"')) throw new LiteralError('invalid syntax');
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length;) {
    const { value, next } = unquoteChar(body, i, '"');
    out += value;
    i = next;
  }
  return out;
}

/** Go's `underscoreOK`: each `_` separates digits (a base prefix counts as one). */
function underscoreOK(text: string): boolean {
  let s = text.replace(/^[+-]/, '');
  let saw = '^';
  let hex = false;
  if (/^0[bBoOxX]/.test(s)) {
    saw = '0';
    hex = /^0[xX]/.test(s);
    s = s.slice(2);
  }
  for (const c of s) {
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/** Go's integer literal rules (`strconv.ParseInt(s, 0, 64)`): prefixes, `_` between digits, sign. */
function parseGoInt(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m || (text.includes('_') && !underscoreOK(text))) return undefined;
  const body = (m[2] ?? '').replace(/_/g, '');
  let value: bigint;
  if (/^0[xXbB]/.test(body)) value = BigInt(body);
  else if (/^0[oO]/.test(body)) value = BigInt(`0o${body.slice(2)}`);
  else if (body.length > 1 && body.startsWith('0')) value = BigInt(`0o${body.slice(1)}`);
  else value = BigInt(body);
  return m[1] === '-' ? -value : value;
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/** `Tree.newNumber`: every reading of a number literal, or Go's error. Complex numbers are refused. */
export function numberNode(pos: number, text: string, charConstant: boolean): NumberNode {
  const node: NumberNode = {
    kind: 'number',
    pos,
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    int: 0n,
    uint: 0n,
    float: 0,
  };
  if (charConstant) {
    const { value, next } = unquoteChar(text.slice(1), 0, "'");
    if (text.slice(1 + next) !== "'") throw new LiteralError(`malformed character constant: ${text}`);
    const code = BigInt(value.codePointAt(0) ?? 0);
    return { ...node, isInt: true, isUint: true, isFloat: true, int: code, uint: code, float: Number(code) };
  }
  if (text.endsWith('i')) throw new LiteralError(`complex constants are not supported: ${text}`);
  const integer = parseGoInt(text);
  if (integer !== undefined) {
    if (integer >= 0n && integer <= UINT64_MAX) Object.assign(node, { isUint: true, uint: integer });
    if (integer >= INT64_MIN && integer <= INT64_MAX) Object.assign(node, { isInt: true, int: integer });
  }
  if (node.isInt) return { ...node, isFloat: true, float: Number(node.int) };
  if (node.isUint) return { ...node, isFloat: true, float: Number(node.uint) };
  const float = parseGoFloatLiteral(text);
  if (float !== undefined) {
    if (!/[.eEpP]/.test(text)) throw new LiteralError(`integer overflow: ${JSON.stringify(text)}`);
    node.isFloat = true;
    node.float = float;
    if (Number.isInteger(float) && Math.abs(float) < 2 ** 63)
      Object.assign(node, { isInt: true, int: BigInt(float) });
    if (Number.isInteger(float) && float >= 0 && float < 2 ** 64)
      Object.assign(node, { isUint: true, uint: BigInt(float) });
  }
  if (!node.isInt && !node.isUint && !node.isFloat)
    throw new LiteralError(`illegal number syntax: ${JSON.stringify(text)}`);
  return node;
}

function parseGoFloatLiteral(text: string): number | undefined {
  if (/^[+-]?(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?$/.test(text) && /[0-9]/.test(text)) {
    const value = Number(text.replace(/_/g, ''));
    return Number.isFinite(value) ? value : undefined;
  }
  if (/^[+-]?0[xX][0-9a-fA-F_]*\.?[0-9a-fA-F_]*[pP][+-]?[0-9_]+$/.test(text)) {
    const clean = text.replace(/_/g, '');
    const negative = clean.startsWith('-');
    const [mantissa = '', exponent = '0'] = clean.replace(/^[+-]?0[xX]/, '').split(/[pP]/);
    const [whole = '', fraction = ''] = mantissa.split('.');
    let value = whole ? Number.parseInt(whole, 16) : 0;
    for (let i = 0; i < fraction.length; i++)
      value += Number.parseInt(fraction[i] ?? '0', 16) / 16 ** (i + 1);
    const result = value * 2 ** Number(exponent);
    return negative ? -result : result;
  }
  return undefined;
}
