/** A tag policy: picks the latest of a list of values (image-reflector-controller's `Policer`). */
export interface Policer {
  /** The latest value; throws {@link PolicyError} with Flux's message when there is none. */
  latest(values: readonly string[]): string;
}

/** No latest value (an empty list, nothing in range, a non-numeric value): the policy fails, it does not stall. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
}

/** A policy that cannot be built from its spec (Flux: Stalled, `InvalidPolicy`). */
export class InvalidPolicyError extends Error {
  override readonly name = 'InvalidPolicyError';
}

/** Flux's message for an empty candidate list. */
export const EMPTY_LIST = 'version list argument cannot be empty';

/** Flux's order argument: `asc`/`desc` upper-cased, empty meaning ascending. */
export function parseOrder(order: string | undefined): 'ASC' | 'DESC' {
  const upper = (order ?? '').toUpperCase();
  if (upper === '' || upper === 'ASC') return 'ASC';
  if (upper === 'DESC') return 'DESC';
  throw new InvalidPolicyError(`invalid order argument provided: '${upper}', must be one of: ASC, DESC`);
}
