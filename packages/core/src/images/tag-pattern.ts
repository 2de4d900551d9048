/**
 * The one door through which image automation compiles a user-supplied pattern
 * (`exclusionList`, `filterTags.pattern`/`extract`): Go RE2 semantics, linear-time matching.
 */

/** A compiled pattern: what tag filtering needs of Go's `regexp.Regexp`. */
export interface TagPattern {
  /** Go's `MatchString`: a match anywhere in the input. */
  matchString(input: string): boolean;
  /** Go's `ExpandString` over the leftmost match (`$1`, `${name}`, `$$`), or null without a match. */
  expandMatch(template: string, input: string): string | null;
}

/** Compiles a pattern as Go's `regexp.Compile`, throwing an `Error` worded as Go's. */
export type CompileTagPattern = (pattern: string) => TagPattern;
