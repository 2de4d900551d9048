import { fn } from '../builtins.js';
import { formatValue } from '../go-format.js';
import { GoCallError, go, sliceOf, Types, type GoFunction, type GoValue } from '../go-values.js';
import { i64, str, toFloat64, toInt64 } from './convert.js';

const A = Types.any;
const I = Types.int;
const S = Types.string;
const f64 = (x: number): GoValue => go.float(x);
const INT64 = 1n << 64n;
/** Go's int64 arithmetic wraps around. */
const wrap = (x: bigint): bigint => BigInt.asIntN(64, x % INT64);

function untilStep(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  if (stop < start) {
    if (step >= 0) return out;
    for (let i = start; i > stop && out.length < 1_000_000; i += step) out.push(i);
    return out;
  }
  if (step <= 0) return out;
  for (let i = start; i < stop && out.length < 1_000_000; i += step) out.push(i);
  return out;
}

function seq(params: number[]): string {
  let increment = 1;
  let values: number[] = [];
  if (params.length === 1) {
    const end = params[0]!;
    if (end < 1) increment = -1;
    values = untilStep(1, end + increment, increment);
  } else if (params.length === 2) {
    const [start, end] = params as [number, number];
    const step = end < start ? -1 : 1;
    values = untilStep(start, end + step, step);
  } else if (params.length === 3) {
    const [start, step, end] = params as [number, number, number];
    if (end < start) {
      increment = -1;
      if (step > 0) return '';
    }
    values = untilStep(start, end + increment, step);
  }
  return values.join(' ');
}

/** Sprig's `round`: ties and beyond at `roundOn` (default .5) go up, by the fractional digit. */
function round(value: number, places: number, roundOn = 0.5): number {
  const pow = 10 ** places;
  const digit = pow * value;
  const fraction = digit - Math.trunc(digit);
  return (fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

const intArgs = (args: GoValue[]): bigint[] => args.map(toInt64);
const divide = (a: bigint, b: bigint, op: 'div' | 'mod'): bigint => {
  if (b === 0n) throw new GoCallError('runtime error: integer divide by zero');
  return op === 'div' ? wrap(a / b) : a % b;
};

/** Sprig's numeric functions (`…f` variants in float64, which rounds as shopspring/decimal's Float64 for ordinary values). */
export const NUMBER_FUNCS: GoFunction[] = [
  fn('add1', [A], ([a]) => i64(wrap(toInt64(a) + 1n))),
  fn('add', [], (args) => i64(intArgs(args).reduce((x, y) => wrap(x + y), 0n)), { variadic: A }),
  fn('sub', [A, A], ([a, b]) => i64(wrap(toInt64(a) - toInt64(b)))),
  fn('div', [A, A], ([a, b]) => i64(divide(toInt64(a), toInt64(b), 'div')), { fallible: true }),
  fn('mod', [A, A], ([a, b]) => i64(divide(toInt64(a), toInt64(b), 'mod')), { fallible: true }),
  fn('mul', [A], ([a, ...rest]) => i64(intArgs(rest).reduce((x, y) => wrap(x * y), toInt64(a))), {
    variadic: A,
  }),
  ...['max', 'biggest'].map((name) =>
    fn(name, [A], ([a, ...rest]) => i64(intArgs(rest).reduce((x, y) => (y > x ? y : x), toInt64(a))), {
      variadic: A,
    }),
  ),
  fn('min', [A], ([a, ...rest]) => i64(intArgs(rest).reduce((x, y) => (y < x ? y : x), toInt64(a))), {
    variadic: A,
  }),
  fn('maxf', [A], ([a, ...rest]) => f64(rest.map(toFloat64).reduce((x, y) => Math.max(x, y), toFloat64(a))), {
    variadic: A,
  }),
  fn('minf', [A], ([a, ...rest]) => f64(rest.map(toFloat64).reduce((x, y) => Math.min(x, y), toFloat64(a))), {
    variadic: A,
  }),
  fn('add1f', [A], ([a]) => f64(toFloat64(a) + 1)),
  fn('addf', [], (args) => f64(args.map(toFloat64).reduce((x, y) => x + y, 0)), { variadic: A }),
  fn('subf', [A], ([a, ...rest]) => f64(rest.map(toFloat64).reduce((x, y) => x - y, toFloat64(a))), {
    variadic: A,
  }),
  fn('mulf', [A], ([a, ...rest]) => f64(rest.map(toFloat64).reduce((x, y) => x * y, toFloat64(a))), {
    variadic: A,
  }),
  fn(
    'divf',
    [A],
    ([a, ...rest]) => {
      let value = toFloat64(a);
      for (const d of rest.map(toFloat64)) {
        if (d === 0) throw new GoCallError('decimal division by 0');
        value /= d;
      }
      return f64(value);
    },
    { variadic: A, fallible: true },
  ),
  fn('floor', [A], ([a]) => f64(Math.floor(toFloat64(a)))),
  fn('ceil', [A], ([a]) => f64(Math.ceil(toFloat64(a)))),
  fn(
    'round',
    [A, I],
    ([a, p, on]) => f64(round(toFloat64(a), Number(p!.v as bigint), on ? toFloat64(on) : 0.5)),
    {
      variadic: Types.float64,
    },
  ),
  fn('int', [A], ([a]) => go.int(BigInt.asIntN(64, toInt64(a)))),
  fn('int64', [A], ([a]) => i64(toInt64(a))),
  fn('float64', [A], ([a]) => f64(toFloat64(a))),
  fn('atoi', [S], ([a]) => {
    const text = a!.v as string;
    return go.int(
      /^[+-]?\d+$/.test(text) && BigInt(text) >= -(1n << 63n) && BigInt(text) < 1n << 63n ? BigInt(text) : 0n,
    );
  }),
  fn('until', [I], ([c]) => {
    const count = Number(c!.v as bigint);
    return go.slice(
      I,
      untilStep(0, count, count < 0 ? -1 : 1).map((x) => go.int(x)),
    );
  }),
  fn('untilStep', [I, I, I], ([a, b, c]) =>
    go.slice(
      I,
      untilStep(Number(a!.v as bigint), Number(b!.v as bigint), Number(c!.v as bigint)).map((x) => go.int(x)),
    ),
  ),
  fn('seq', [], (args) => str(seq(args.map((a) => Number(a.v as bigint)))), { variadic: I }),
  fn('toDecimal', [A], ([a]) => {
    const text = formatValue(a);
    return i64(
      /^[+-]?[0-7]+$/.test(text)
        ? BigInt.asIntN(64, BigInt(`0o${text.replace(/^[+-]/, '')}`) * (text.startsWith('-') ? -1n : 1n))
        : 0n,
    );
  }),
];

/** `[]int`, for `until`. */
export const INT_SLICE = sliceOf(I);
