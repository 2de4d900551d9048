import { EMPTY_LIST, parseOrder, PolicyError, type Policer } from './policer.js';

const DECIMAL =
  /^[+-]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9]+)?$/;
const HEX = /^[+-]?0[xX](?:_?[0-9a-fA-F])*(?:\.[0-9a-fA-F_]*)?[pP][+-]?[0-9]+$/;
const SPECIAL = /^[+-]?(?:inf|infinity)$/i;

/**
 * Go's `strconv.ParseFloat(s, 64)`: decimal (with exponent), hexadecimal with a `p` exponent,
 * `inf`/`infinity`/`nan` in any case; underscores only between digits of a prefixed number; a
 * value beyond float64 is an error (Go returns ±Inf with `ErrRange`). Undefined when Go fails. Pure.
 */
export function goParseFloat(text: string): number | undefined {
  if (SPECIAL.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return NaN;
  if (HEX.test(text)) {
    const clean = text.replace(/_/g, '');
    const negative = clean.startsWith('-');
    const body = clean.replace(/^[+-]?0[xX]/, '');
    const [mantissa = '', exponent = '0'] = body.split(/[pP]/);
    const [whole = '', fraction = ''] = mantissa.split('.');
    if (whole === '' && fraction === '') return undefined;
    let value = whole === '' ? 0 : Number.parseInt(whole, 16);
    for (let i = 0; i < fraction.length; i++)
      value += Number.parseInt(fraction[i] ?? '0', 16) / 16 ** (i + 1);
    const result = value * 2 ** Number(exponent);
    return Number.isFinite(result) ? (negative ? -result : result) : undefined;
  }
  // Underscores are only valid with a base prefix in ParseFloat.
  if (!DECIMAL.test(text) || text.includes('_')) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * `numerical`: every value must parse as a float64, or the whole policy fails (Flux: "failed to
 * parse invalid numeric value"); `asc` (the default) picks the largest, `desc` the smallest; on
 * equal values the later one wins, as Flux's loop keeps it. Pure.
 */
export function numericalPolicy(order: string | undefined): Policer {
  const direction = parseOrder(order);
  return {
    latest(values) {
      if (values.length === 0) throw new PolicyError(EMPTY_LIST);
      let latest = '';
      let previous = 0;
      values.forEach((value, i) => {
        const current = goParseFloat(value);
        if (current === undefined) throw new PolicyError(`failed to parse invalid numeric value '${value}'`);
        if (i > 0 && (direction === 'ASC' ? current < previous : current > previous)) return;
        latest = value;
        previous = current;
      });
      return latest;
    },
  };
}
