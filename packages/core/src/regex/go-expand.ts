/** A `$` reference read from a template: a group number, or a name (when not a plain number). */
interface Reference {
  name: string;
  /** The group number, or -1 when the name is not a number without leading zeros. */
  num: number;
  /** The template after the reference. */
  rest: string;
}

// Go's unicode.IsLetter, unicode.IsDigit (decimal digits only) and '_'.
const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;
const MAX_GROUP_NUMBER = 1e8;

/**
 * Reads `name` or `{name}` at the start of `text` (the `$` already consumed), as Go's
 * `regexp.extract`: a name is one or more letters, digits or `_`; `{` must close with `}`.
 * Undefined when malformed (the `$` is then kept as text). Pure.
 */
function readReference(text: string): Reference | undefined {
  const braced = text.startsWith('{');
  const body = braced ? text.slice(1) : text;
  let length = 0;
  for (const char of body) {
    if (!NAME_CHAR.test(char)) break;
    length += char.length;
  }
  if (length === 0) return undefined;
  const name = body.slice(0, length);
  if (braced && body[length] !== '}') return undefined;
  const rest = body.slice(braced ? length + 1 : length);
  return { name, num: groupNumber(name), rest };
}

/** Go's number rule: ASCII digits only, below 10^8, and no leading zero unless the name is "0". */
function groupNumber(name: string): number {
  if (!/^[0-9]+$/.test(name) || (name.length > 1 && name.startsWith('0'))) return -1;
  let num = 0;
  for (const digit of name) {
    if (num >= MAX_GROUP_NUMBER) return -1;
    num = num * 10 + Number(digit);
  }
  return num;
}

/**
 * Go's `Regexp.ExpandString`: `template` with `$1`, `${1}`, `$name` and `${name}` replaced by
 * the submatches (`submatch[i]` is group i, undefined when it did not take part; `names[i]` its
 * name, `''` for unnamed groups) and `$$` by `$`. A name used twice refers to the first such
 * group that took part. A reference to a group that does not exist gives nothing; a malformed
 * one (`$` then no name, `${x` without `}`) is kept as written. Note that `$1x` reads as the
 * name `1x`, not group 1 then `x`: write `${1}x`. Pure.
 */
export function expandTemplate(
  template: string,
  submatch: readonly (string | undefined)[],
  names: readonly string[],
): string {
  let out = '';
  let rest = template;
  for (let dollar = rest.indexOf('$'); dollar >= 0; dollar = rest.indexOf('$')) {
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = readReference(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    rest = ref.rest;
    if (ref.num >= 0) {
      out += submatch[ref.num] ?? '';
      continue;
    }
    // Group 0 is named '' and a read name is never empty, so it is never picked here.
    const index = names.findIndex((name, i) => name === ref.name && submatch[i] !== undefined);
    if (index >= 0) out += submatch[index] ?? '';
  }
  return out + rest;
}
