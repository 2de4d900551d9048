import { RE2JS } from 're2js';
import { expandTemplate } from './go-expand.js';
import { uniqueGroupNames } from './group-names.js';

/** A pattern Go's `regexp.Compile` refuses; the message reads as Go's (`error parsing regexp: …`). */
export class GoRegexpError extends Error {
  override readonly name = 'GoRegexpError';

  constructor(
    message: string,
    readonly pattern: string,
  ) {
    super(message);
  }
}

/** Groups of one match: the text of each, undefined for a group that did not take part. */
export type Submatch = readonly (string | undefined)[];

/**
 * A compiled pattern with Go `regexp` semantics (RE2 syntax, leftmost-first, Perl classes,
 * `(?P<name>…)`), matched in time linear in the input whatever the pattern: user and registry
 * patterns cannot stall the event loop the engine, API and SSE share.
 */
export class GoRegexp {
  /** Group names by index: `''` for group 0 and for unnamed groups, as Go's `SubexpNames`. */
  readonly subexpNames: readonly string[];

  /** Use {@link compileGoRegexp}; `originals` maps names renamed for re2js back to the pattern's. */
  constructor(
    private readonly re: RE2JS,
    /** The pattern as written. */
    readonly source: string,
    originals: ReadonlyMap<string, string>,
  ) {
    const names = Array.from({ length: re.groupCount() + 1 }, () => '');
    for (const [name, index] of Object.entries(re.namedGroups())) names[index] = originals.get(name) ?? name;
    this.subexpNames = names;
  }

  /** Go's `MatchString`: whether the pattern matches anywhere in `input` (unanchored). */
  matchString(input: string): boolean {
    return this.re.test(input);
  }

  /** The leftmost match's groups (undefined where a group did not take part), or null. */
  findSubmatch(input: string): Submatch | null {
    const matcher = this.re.matcher(input);
    if (!matcher.find()) return null;
    return Array.from({ length: this.subexpNames.length }, (_, i) => matcher.group(i) ?? undefined);
  }

  /**
   * The leftmost match starting the search at `pos` (UTF-16 offset; `^` still means the start of
   * the input, as in Go's `doExecute`), with its offsets and groups, or null. The loops of Go's
   * `FindAll*`, `ReplaceAll*` and `Split` are built on it.
   */
  findFrom(input: string, pos: number): { start: number; end: number; groups: Submatch } | null {
    const matcher = this.re.matcher(input);
    if (!matcher.find(pos)) return null;
    const groups = Array.from({ length: this.subexpNames.length }, (_, i) => matcher.group(i) ?? undefined);
    return { start: matcher.start(), end: matcher.end(), groups };
  }

  /** Go's `FindStringSubmatch`: as {@link findSubmatch}, with `''` for groups that did not take part. */
  findStringSubmatch(input: string): string[] | null {
    return this.findSubmatch(input)?.map((group) => group ?? '') ?? null;
  }

  /** Go's `ExpandString` on a match from {@link findSubmatch}: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
  expandString(template: string, submatch: Submatch): string {
    return expandTemplate(template, submatch, this.subexpNames);
  }

  /**
   * `template` expanded on the leftmost match in `input`, or null when there is none: what
   * ImagePolicy's `filterTags.extract` does with each tag.
   */
  expandMatch(template: string, input: string): string | null {
    const submatch = this.findSubmatch(input);
    return submatch ? this.expandString(template, submatch) : null;
  }
}

/**
 * Compiles a pattern that comes from a user or a registry, as Go's `regexp.Compile` does. The
 * only way core compiles such a pattern (ESLint forbids `new RegExp(variable)` elsewhere).
 * Throws {@link GoRegexpError} with Go's message. Pure.
 */
export function compileGoRegexp(pattern: string): GoRegexp {
  const unique = uniqueGroupNames(pattern);
  try {
    return new GoRegexp(RE2JS.compile(unique.pattern), pattern, unique.originals);
  } catch (error) {
    // re2js words syntax errors as Go does; anything else (say, a stack overflow on absurd
    // nesting) is still a pattern we refuse, never a crash of the caller.
    let raw = error instanceof Error ? error.message : String(error);
    if (unique.originals.size > 0) raw = raw.replace(unique.pattern, () => pattern);
    throw new GoRegexpError(goErrorMessage(raw, pattern), pattern);
  }
}

const PREFIX = 'error parsing regexp: ';
/** Errors re2js words without the expression Go appends: Go names none, or the whole pattern. */
const EXPRESSION_LESS: Record<string, (pattern: string) => string> = {
  'trailing backslash at end of expression': () => '',
  'expression nests too deeply': (pattern) => pattern,
  'expression too large': (pattern) => pattern,
};

/** Go's `*syntax.Error` text: `error parsing regexp: <code>: \`<expr>\``. */
function goErrorMessage(raw: string, pattern: string): string {
  const body = raw.startsWith(PREFIX) ? raw.slice(PREFIX.length) : raw;
  const expression = EXPRESSION_LESS[body];
  return expression ? `${PREFIX}${body}: \`${expression(pattern)}\`` : `${PREFIX}${body}`;
}
