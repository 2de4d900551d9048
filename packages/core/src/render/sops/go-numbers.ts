/**
 * Go's number spellings, which SOPS output and the MAC depend on: `strconv.FormatFloat` in the
 * `'f'` and `'G'` shortest forms, `encoding/json`'s float form, and the parsers `strconv.Atoi`,
 * `ParseFloat` and `ParseBool` as the envelope types use them. All pure.
 */

/** Shortest round-trip digits of a finite non-zero |v| and the decimal point position. */
function shortestDigits(v: number): { digits: string; point: number } {
  const [mantissa = '', exp = '0'] = Math.abs(v).toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return { digits, point: Number(exp) + 1 };
}

function special(v: number): string | undefined {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  return undefined;
}

function fixed(digits: string, point: number, decimals: number): string {
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits.padEnd(point, '0');
  const intLen = Math.max(point, 1);
  const int = padded.slice(0, intLen);
  const frac = padded.slice(intLen).padEnd(decimals, '0').slice(0, decimals);
  return frac ? `${int}.${frac}` : int;
}

function exponent(digits: string, point: number, e: 'e' | 'E'): string {
  const exp = point - 1;
  const abs = Math.abs(exp).toString().padStart(2, '0');
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${mant}${e}${exp < 0 ? '-' : '+'}${abs}`;
}

/** `strconv.FormatFloat(v, 'f', -1, 64)`. */
export function formatFloatF(v: number): string {
  const s = special(v);
  if (s !== undefined) return s;
  const { digits, point } = shortestDigits(v);
  return (v < 0 ? '-' : '') + fixed(digits, point, Math.max(digits.length - point, 0));
}

/** `strconv.FormatFloat(v, 'G', -1, 64)`. */
export function formatFloatG(v: number): string {
  const s = special(v);
  if (s !== undefined) return s;
  const { digits, point } = shortestDigits(v);
  const exp = point - 1;
  const body =
    exp < -4 || exp >= 6
      ? exponent(digits, point, 'E')
      : fixed(digits, point, Math.max(digits.length - point, 0));
  return (v < 0 ? '-' : '') + body;
}

/** How `encoding/json` prints a float64 (`'f'`, or `'e'` outside [1e-6, 1e21), `e-07` → `e-7`). */
export function formatFloatJson(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${formatFloatF(v)}`);
  const abs = Math.abs(v);
  if (abs === 0 || (abs >= 1e-6 && abs < 1e21)) return formatFloatF(v);
  const { digits, point } = shortestDigits(v);
  return (v < 0 ? '-' : '') + exponent(digits, point, 'e').replace(/e-0(\d)$/, 'e-$1');
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** `strconv.Atoi` (64-bit): undefined when it would fail. */
export function parseGoInt(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const v = BigInt(text);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/** `strconv.ParseFloat(text, 64)` for the decimal and inf/nan spellings. */
export function parseGoFloat(text: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) return undefined;
  return Number(text);
}

/** `strconv.ParseBool`. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}
