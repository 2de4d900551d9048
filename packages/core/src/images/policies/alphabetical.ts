import { compareBytes } from '../tag-list.js';
import { EMPTY_LIST, parseOrder, PolicyError, type Policer } from './policer.js';

/**
 * `alphabetical`: byte-wise string order; `asc` (the default) picks the greatest, `desc` the
 * smallest (so, given the letters as tags, `asc` picks Z). Pure.
 */
export function alphabeticalPolicy(order: string | undefined): Policer {
  const direction = parseOrder(order);
  return {
    latest(values) {
      if (values.length === 0) throw new PolicyError(EMPTY_LIST);
      let best = values[0] ?? '';
      for (const value of values) {
        const d = compareBytes(value, best);
        if (direction === 'ASC' ? d > 0 : d < 0) best = value;
      }
      return best;
    },
  };
}
