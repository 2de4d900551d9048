/**
 * The regular expressions of Masterminds semver v3 `constraints.go`, translated to JavaScript.
 * Go's RE2 and JavaScript both use leftmost-first matching, so matches and groups agree; `\s` is
 * spelled out because Go's `\s` is only `[\t\n\f\r ]`. The character class `[0-9|x|X|\*]` really
 * does contain `|` in the original; it is kept.
 */

/** Go's `\s`. */
export const GO_SPACE = '[\\t\\n\\f\\r ]';
const S = GO_SPACE;

/** A constraint version (`cvRegex`): 9 capture groups. */
const CV =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?' +
  '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?' +
  '(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';

/** The operators, with the empty one second exactly as in Go (order matters for leftmost-first). */
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';

/** One whole constraint: group 1 is the operator, 2 the version, 3–5 its numeric parts, 6 the `-pre`. */
export const CONSTRAINT = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`);

/** A hyphen range `A - B`: group 1 is A, group 11 is B. */
export const CONSTRAINT_RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, 'g');

/** Finds the individual constraints of an AND group. */
export const FIND_CONSTRAINT = new RegExp(`(${OPS})${S}*(${CV})`, 'g');

/**
 * A valid AND group, literally as Go writes it: `^(\s*OP\s*CV\s*)((?:\s+|,\s*)OP\s*CV\s*)*$`.
 * Do not run it on untrusted input in JavaScript: with the empty operator, `, 1, 1, 1 …` can
 * be split in two ways per repetition and a failing match backtracks exponentially (RE2 is
 * linear, V8 is not). Kept to test {@link VALID_CONSTRAINT} against.
 */
export const VALID_CONSTRAINT_GO = new RegExp(
  `^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`,
);

/** The non-empty operators. */
const OPS_NON_EMPTY = '!=|>=|=>|<=|=<|~>|=|>|<|~|\\^';

/**
 * The same language as {@link VALID_CONSTRAINT_GO}, written without ambiguity: the whitespace
 * around an empty operator is merged into the separator, and `\s* (\s+ | ,\s*)` becomes
 * `\s+ | \s*,\s*`. Every input has at most one parse, so failing matches stay cheap.
 */
export const VALID_CONSTRAINT = new RegExp(
  `^${S}*(?:(?:${OPS_NON_EMPTY})${S}*)?${CV}(?:(?:${S}+|${S}*,${S}*)(?:(?:${OPS_NON_EMPTY})${S}*)?${CV})*${S}*$`,
);
