/**
 * Go's `strconv.ParseFloat(s, 64)`, which the numerical ImagePolicy runs on every tag: Go's
 * float literal grammar (decimal with `e`, hexadecimal with a mandatory `p` exponent, `_`
 * between digits in both), `inf`/`infinity` with a sign, `nan` without one; correctly rounded
 * (hexadecimal mantissas to even, into the subnormals); a value beyond float64 is an error (Go
 * returns ±Inf with `ErrRange`). Undefined where Go fails. Pure.
 */
export function goParseFloat(text: string): number | undefined {
  const special = goSpecial(text);
  if (special !== undefined) return special;
  const literal = readFloat(text);
  if (!literal || !underscoreOk(text)) return undefined;
  const unsigned = text.replace(/^[+-]/, '').replace(/_/g, '');
  const value = literal.hex ? hexValue(literal.mantissa, literal.exponent) : Number(unsigned);
  if (!Number.isFinite(value)) return undefined;
  return literal.negative ? -value : value;
}

/** Go's `special`: a sign is read only before `inf`/`infinity`, never before `nan`. */
function goSpecial(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === 'nan') return NaN;
  const body = lower.replace(/^[+-]/, '');
  if (body !== 'inf' && body !== 'infinity') return undefined;
  return lower.startsWith('-') ? -Infinity : Infinity;
}

interface HexLiteral {
  hex: true;
  negative: boolean;
  /** Every hexadecimal digit of the mantissa, the point dropped. */
  mantissa: bigint;
  /** The power of two the mantissa is scaled by (the `p` exponent less 4 per fraction digit). */
  exponent: number;
}

const LITERAL =
  /^([+-]?)(?:0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9][0-9_]*)|[0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?)$/;

/** Go's `readFloat` over the whole text: its grammar, digits required, or undefined. */
function readFloat(text: string): HexLiteral | { hex: false; negative: boolean } | undefined {
  const match = LITERAL.exec(text);
  if (!match) return undefined;
  const negative = match[1] === '-';
  const isHex = match[4] !== undefined;
  const digits = isHex ? `${match[2] ?? ''}${match[3] ?? ''}` : text.replace(/[eE].*$/, '');
  if (!/[0-9a-fA-F]/.test(isHex ? digits : digits.replace(/[^0-9]/g, ''))) return undefined;
  if (!isHex) return { hex: false, negative };
  const clean = digits.replace(/_/g, '');
  const fraction = (match[3] ?? '').replace(/_/g, '').length;
  // Go saturates the exponent at 10000 too: past it every value is 0 or out of range anyway.
  const written = Math.max(-10_000, Math.min(10_000, Number((match[4] ?? '0').replace(/_/g, ''))));
  return { hex: true, negative, mantissa: BigInt(`0x${clean}`), exponent: written - 4 * fraction };
}

/** Go's `underscoreOK`: an underscore only between digits, or between the base prefix and a digit. */
function underscoreOk(text: string): boolean {
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
    } else if (saw === '_') return false;
    else saw = '!';
  }
  return saw !== '_';
}

/** mantissa × 2^exponent rounded once, half to even, to a float64 (subnormals included). */
function hexValue(mantissa: bigint, exponent: number): number {
  if (mantissa === 0n) return 0;
  const length = mantissa.toString(2).length;
  const top = length - 1 + exponent;
  if (top > 1024) return Infinity;
  // 53 bits for a normal number; fewer below 2^-1022, none at all far below 2^-1074.
  const precision = top >= -1022 ? 53 : 53 - (-1022 - top);
  const drop = Math.max(0, length - Math.max(precision, 0));
  let kept = mantissa >> BigInt(drop);
  if (drop > 0) {
    const rest = mantissa - (kept << BigInt(drop));
    const half = 1n << BigInt(drop - 1);
    if (rest > half || (rest === half && (kept & 1n) === 1n)) kept += 1n;
  }
  return scaleByPowerOfTwo(Number(kept), exponent + drop);
}

/** x × 2^k without the intermediate 2^k under- or overflowing (exact when the result is representable). */
function scaleByPowerOfTwo(x: number, k: number): number {
  let value = x;
  let rest = k;
  while (rest > 1000) {
    value *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    value *= 2 ** -1000;
    rest += 1000;
  }
  return value * 2 ** rest;
}
