import { RE2JS } from 're2js';
import type { CompileTagPattern, TagPattern } from './tag-pattern.js';

/**
 * Compiles a user pattern with RE2 (re2js: Go's syntax, linear-time matching, Go's error
 * wording), never with JavaScript's backtracking `RegExp`. Pure.
 */
export const compileGoTagPattern: CompileTagPattern = (pattern: string): TagPattern => {
  const re = RE2JS.compile(pattern);
  return {
    matchString: (input) => re.test(input),
    expandMatch: () => {
      throw new Error('filterTags.extract is not supported yet');
    },
  };
};
