import { goQuote } from './lexer.js';
import { mapEntries, type GoValue, type Maybe } from './go-values.js';

/** Go's `strconv.FormatFloat(f, 'g', -1, 64)` as `%v` prints it: shortest digits, `e+06` past 1e21… no: past 6 digits of exponent. */
export function formatFloat(f: number, verb: 'g' | 'e' | 'f' = 'g', precision = -1): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (verb === 'f') return precision < 0 ? shortestFixed(f) : f.toFixed(precision);
  const exp =
    f === 0
      ? '0e+0'
      : precision < 0
        ? f.toExponential()
        : f.toExponential(Math.max(0, precision - (verb === 'g' ? 1 : 0)));
  const [mantissa = '0', exponentText = '0'] = exp.split('e');
  const exponent = Number(exponentText);
  const goExp = (e: number): string => `e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  if (verb === 'e') return `${mantissa}${goExp(exponent)}`;
  // %g: %e when the exponent is < -4 or >= the precision (6 for the shortest form), else %f.
  const eprec = precision < 0 ? 6 : precision === 0 ? 1 : precision;
  if (exponent < -4 || exponent >= eprec) return `${mantissa}${goExp(exponent)}`;
  return precision < 0 ? shortestFixed(f) : trimFloat(f.toFixed(Math.max(0, eprec - 1 - exponent)));
}

function shortestFixed(f: number): string {
  const s = String(f);
  if (!s.includes('e')) return s;
  // Expand JavaScript's exponent form into plain digits.
  return f
    .toFixed(Math.min(100, Math.max(0, -Math.floor(Math.log10(Math.abs(f))) + 17)))
    .replace(/\.?0+$/, '');
}

function trimFloat(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Byte-wise comparison of strings (Go's string order). */
function compareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** `internal/fmtsort` order of two keys of one map. */
export function compareKeys(a: GoValue, b: GoValue): number {
  const [x, y] = [a.v, b.v];
  if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'string' && typeof y === 'string') return compareStrings(x, y);
  if (typeof x === 'boolean' && typeof y === 'boolean') return x === y ? 0 : x ? 1 : -1;
  if (a.type.k === 'struct' && b.type.k === 'struct') {
    for (const field of a.type.fields) {
      const c = compareKeys(
        (x as Record<string, GoValue>)[field.name]!,
        (y as Record<string, GoValue>)[field.name]!,
      );
      if (c !== 0) return c;
    }
    return 0;
  }
  if (a.type.name !== b.type.name) return compareStrings(a.type.name, b.type.name);
  return 0;
}

/** A map's entries in fmtsort order. */
export function sortedEntries(value: GoValue): [GoValue, GoValue][] {
  return mapEntries(value).sort(([a], [b]) => compareKeys(a, b));
}

/**
 * `fmt.Sprint` of one value (`%v`): strings as they are, floats in `%g` shortest form, structs as
 * `{a b}`, maps as `map[k:v]` in key order, slices as `[a b]`, nil as `<nil>`; a type with a
 * `String()` method prints through it.
 */
export function formatValue(value: Maybe, depth = 0, verb: 'v' | 's' = 'v'): string {
  if (value === undefined) return depth === 0 ? '<nil>' : '<invalid reflect.Value>';
  const { type, v } = value;
  if (type.k === 'struct' && type.stringer) return type.stringer(value);
  // `%s` of a non-string basic value is a bad verb, element by element inside composites.
  const basic = (text: string): string => (verb === 's' ? `%!s(${type.name}=${text})` : text);
  switch (type.k) {
    case 'string':
      return v as string;
    case 'bool':
      return basic(v ? 'true' : 'false');
    case 'int':
      return basic(String(v));
    case 'float64':
      return basic(formatFloat(v as number));
    case 'interface':
    case 'func':
      return verb === 's' ? '%!s(<nil>)' : '<nil>';
    case 'slice':
      return `[${((v as GoValue[] | null) ?? []).map((x) => formatValue(x, depth + 1, verb)).join(' ')}]`;
    case 'map':
      return `map[${sortedEntries(value)
        .map(([k, x]) => `${formatValue(k, depth + 1, verb)}:${formatValue(x, depth + 1, verb)}`)
        .join(' ')}]`;
    case 'struct':
      return `{${type.fields.map((f) => formatValue((v as Record<string, GoValue>)[f.name], depth + 1, verb)).join(' ')}}`;
  }
}

/** `fmt.Sprint(args...)`: spaces only between operands when neither is a string. */
export function sprint(args: readonly Maybe[]): string {
  let out = '';
  args.forEach((arg, i) => {
    const isString = arg?.type.k === 'string';
    const prevString = i > 0 && args[i - 1]?.type.k === 'string';
    if (i > 0 && !isString && !prevString) out += ' ';
    out += formatValue(arg);
  });
  return out;
}

/** `fmt.Sprintln(args...)`: always spaces, then a newline. */
export function sprintln(args: readonly Maybe[]): string {
  return `${args.map((a) => formatValue(a)).join(' ')}\n`;
}

/** Pads a verb's text to the width and flags of its directive. */
type Padder = (text: string) => string;

/** Go's bad verb: `%!<verb>(<type>=<value>)`, the value padded as the directive asked. */
function badVerb(verb: string, arg: Maybe, padder: Padder = (t) => t): string {
  if (arg === undefined || (arg.type.k === 'interface' && arg.v === null)) return `%!${verb}(<nil>)`;
  return `%!${verb}(${arg.type.name}=${padder(formatValue(arg))})`;
}

function pad(text: string, width: number | undefined, left: boolean, zeroPad: boolean): string {
  if (width === undefined || text.length >= width) return text;
  if (left) return text.padEnd(width);
  if (zeroPad) {
    const sign = /^[+-]/.test(text) ? (text[0] ?? '') : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

/** One directive's text, padded (a bad verb pads the value inside its parentheses instead). */
function formatVerb(
  verb: string,
  arg: Maybe,
  flags: string,
  precision: number | undefined,
  padder: Padder,
): string {
  const v = arg?.v;
  const bad = (): string => badVerb(verb, arg, padder);
  switch (verb) {
    case 'v':
      return padder(formatValue(arg));
    case 'T':
      return padder(
        arg === undefined || (arg.type.k === 'interface' && arg.v === null) ? '<nil>' : arg.type.name,
      );
    case 's':
      return arg !== undefined && ['string', 'struct', 'slice', 'map'].includes(arg.type.k)
        ? padder(formatValue(arg, 0, 's'))
        : bad();
    case 'q':
      return arg?.type.k === 'string' ? padder(goQuote(v as string)) : bad();
    case 'd':
      return typeof v === 'bigint' ? padder(`${flags.includes('+') && v >= 0n ? '+' : ''}${v}`) : bad();
    case 'x':
    case 'X': {
      let hex: string | undefined;
      if (typeof v === 'bigint') hex = (v < 0n ? '-' : '') + (v < 0n ? -v : v).toString(16);
      if (typeof v === 'string') hex = Buffer.from(v, 'utf8').toString('hex');
      if (hex === undefined) return bad();
      return padder(verb === 'X' ? hex.toUpperCase() : hex);
    }
    case 't':
      return typeof v === 'boolean' ? padder(String(v)) : bad();
    case 'f':
    case 'F':
    case 'e':
    case 'g':
      return typeof v === 'number'
        ? padder(
            formatFloat(
              v,
              verb === 'F' ? 'f' : (verb as 'f' | 'e' | 'g'),
              precision ?? (verb === 'g' ? -1 : 6),
            ),
          )
        : bad();
    default:
      return bad();
  }
}

/** `fmt.Sprintf` for the verbs templates use (`%v %s %q %d %x %t %f %e %g %%`, flags `-+0`, width, precision). */
export function sprintf(format: string, args: readonly Maybe[]): string {
  let out = '';
  let argIndex = 0;
  const re = /%([-+0 #]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags = '', width, precision, verb = ''] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const padder: Padder = (text) =>
      pad(text, width === undefined ? undefined : Number(width), flags.includes('-'), flags.includes('0'));
    out += formatVerb(
      verb,
      args[argIndex++],
      flags,
      precision === undefined ? undefined : Number(precision),
      padder,
    );
  }
  out += format.slice(last);
  if (argIndex < args.length)
    out += `%!(EXTRA ${args
      .slice(argIndex)
      .map((a) =>
        a === undefined || (a.type.k === 'interface' && a.v === null)
          ? '<nil>'
          : `${a.type.name}=${formatValue(a)}`,
      )
      .join(', ')})`;
  return out;
}
