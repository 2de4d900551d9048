/**
 * How Alert `inclusionList`/`exclusionList` entries are compiled. Flux compiles them with Go's
 * `regexp` (RE2, linear time); the engine passes the Go-regexp module's compiler in, so this
 * folder depends on an interface only.
 */
export interface MessagePattern {
  /** Go's `MatchString`: whether the pattern matches anywhere in the text. */
  matchString(text: string): boolean;
}

/** Compiles a pattern; throws (with Go's message) when Go's `regexp.Compile` would refuse it. */
export type PatternCompiler = (pattern: string) => MessagePattern;

/**
 * Compiled patterns are kept by source text: the same Alert lists are matched against every
 * event, and compiling is the expensive part. Bounded, oldest dropped first.
 */
export class PatternCache {
  private readonly compiled = new Map<string, MessagePattern | Error>();

  constructor(
    private readonly compile: PatternCompiler,
    private readonly max = 1000,
  ) {}

  /** The compiled pattern, or the compile error. */
  get(pattern: string): MessagePattern | Error {
    let hit = this.compiled.get(pattern);
    if (hit === undefined) {
      try {
        hit = this.compile(pattern);
      } catch (error) {
        hit = error instanceof Error ? error : new Error(String(error));
      }
      if (this.compiled.size >= this.max) this.compiled.delete(this.compiled.keys().next().value ?? '');
      this.compiled.set(pattern, hit);
    }
    return hit;
  }
}
