import { RE2JS } from 're2js';
import type { CompileTagPattern, TagPattern } from './tag-pattern.js';

const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;

/** Go's `regexp.extract`: a `$` reference (`name`, `{name}`) at the start of `text`, or undefined. */
function reference(text: string): { name: string; num: number; rest: string } | undefined {
  const braced = text.startsWith('{');
  const body = braced ? text.slice(1) : text;
  let end = 0;
  for (const char of body) {
    if (!NAME_CHAR.test(char)) break;
    end += char.length;
  }
  if (end === 0) return undefined;
  const name = body.slice(0, end);
  if (braced && body[end] !== '}') return undefined;
  let num = /^[0-9]+$/.test(name) && !(name.length > 1 && name.startsWith('0')) ? 0 : -1;
  for (const digit of num === 0 ? name : '') {
    if (num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + Number(digit);
  }
  return { name, num, rest: body.slice(braced ? end + 1 : end) };
}

/** Go's `Regexp.ExpandString` over one match (`groups[i]` undefined when group i did not take part). */
function expand(template: string, groups: readonly (string | undefined)[], names: readonly string[]): string {
  let out = '';
  let rest = template;
  for (let at = rest.indexOf('$'); at >= 0; at = rest.indexOf('$')) {
    out += rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = reference(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    rest = ref.rest;
    if (ref.num >= 0) out += groups[ref.num] ?? '';
    else {
      const index = names.findIndex((n, i) => n === ref.name && groups[i] !== undefined);
      if (index >= 0) out += groups[index] ?? '';
    }
  }
  return out + rest;
}

/**
 * Compiles a user pattern with RE2 (re2js: Go's syntax, linear-time matching, Go's error
 * wording), never with JavaScript's backtracking `RegExp`. Pure.
 */
export const compileGoTagPattern: CompileTagPattern = (pattern: string): TagPattern => {
  const re = RE2JS.compile(pattern);
  const names = Array.from({ length: re.groupCount() + 1 }, () => '');
  for (const [name, index] of Object.entries(re.namedGroups())) names[index] = name;
  return {
    matchString: (input) => re.test(input),
    expandMatch: (template, input) => {
      const matcher = re.matcher(input);
      if (!matcher.find()) return null;
      const groups = names.map((_, i) => matcher.group(i) ?? undefined);
      return expand(template, groups, names);
    },
  };
};
