import type { ImagePolicySpec } from '../../api/imagepolicy-v1.js';
import { filterTags } from '../../images/policies/filter-tags.js';
import { InvalidPolicyError } from '../../images/policies/policer.js';
import { policerFromSpec } from '../../images/policies/policy-factory.js';
import type { CompileTagPattern } from '../../images/tag-pattern.js';

/**
 * Flux's `applyPolicy` over a stored tag list: build the policy (an invalid one is
 * `invalid policy: …`), filter and extract when `filterTags` is set, pick the latest value and
 * map it back to its tag. Throws `InvalidPolicyError` (stall) or `PolicyError` (fail). Pure.
 */
export function latestTag(
  spec: Pick<ImagePolicySpec, 'policy' | 'filterTags'>,
  tags: readonly string[],
  compile: CompileTagPattern,
): string {
  let policer;
  try {
    policer = policerFromSpec(spec.policy);
  } catch (error) {
    throw new InvalidPolicyError(`invalid policy: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!spec.filterTags) return policer.latest(tags);
  const filtered = filterTags(tags, spec.filterTags, compile);
  const value = policer.latest(filtered.values);
  return filtered.original.get(value) ?? '';
}
