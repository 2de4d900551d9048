import { goParseFloat } from './go-parse-float.js';
import { EMPTY_LIST, parseOrder, PolicyError, type Policer } from './policer.js';

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
