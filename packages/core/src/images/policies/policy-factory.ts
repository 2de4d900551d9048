import { alphabeticalPolicy } from './alphabetical.js';
import { numericalPolicy } from './numerical.js';
import { InvalidPolicyError, type Policer } from './policer.js';
import { semverPolicy } from './semver.js';

/** `spec.policy` of an ImagePolicy. */
export interface PolicyChoice {
  semver?: { range: string };
  alphabetical?: { order?: string };
  numerical?: { order?: string };
}

/**
 * Flux's `PolicerFromSpec`: semver, then alphabetical, then numerical, whichever is set first;
 * none is invalid. Throws {@link InvalidPolicyError}. Pure.
 */
export function policerFromSpec(choice: PolicyChoice): Policer {
  if (choice.semver) return semverPolicy(choice.semver.range);
  if (choice.alphabetical) return alphabeticalPolicy(choice.alphabetical.order);
  if (choice.numerical) return numericalPolicy(choice.numerical.order);
  throw new InvalidPolicyError('given ImagePolicyChoice object is invalid');
}
