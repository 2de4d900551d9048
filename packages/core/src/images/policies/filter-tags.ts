import type { CompileTagPattern } from '../tag-pattern.js';
import { InvalidPolicyError } from './policer.js';

/** Tags kept by `filterTags`: the value each was turned into, and back to the tag it came from. */
export interface FilteredTags {
  /** The values fed to the policy, in first-seen order. */
  values: string[];
  /** Value → original tag (when two tags give one value, the later tag wins, as in Flux's map). */
  original: Map<string, string>;
}

/**
 * Flux's `RegexFilter`: keep the tags the pattern matches anywhere; with `extract`, replace each
 * by the expansion of its leftmost match (`$1`, `${name}`, …). A pattern that does not compile is
 * an invalid policy. Pure.
 */
export function filterTags(
  tags: readonly string[],
  filter: { pattern?: string; extract?: string },
  compile: CompileTagPattern,
): FilteredTags {
  const pattern = filter.pattern ?? '';
  let re: ReturnType<CompileTagPattern>;
  try {
    re = compile(pattern);
  } catch (error) {
    throw new InvalidPolicyError(
      `failed to filter tags: invalid regular expression pattern '${pattern}': ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const original = new Map<string, string>();
  for (const tag of tags) {
    if (!re.matchString(tag)) continue;
    const value = filter.extract ? (re.expandMatch(filter.extract, tag) ?? tag) : tag;
    original.set(value, tag);
  }
  return { values: [...original.keys()], original };
}
