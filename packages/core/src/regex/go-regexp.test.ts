import { describe, expect, it } from 'vitest';
import { expandTemplate } from './go-expand.js';
import { compileGoRegexp, GoRegexpError } from './go-regexp.js';
import { uniqueGroupNames } from './group-names.js';

describe('compileGoRegexp', () => {
  it('matches, finds submatches and expands as Go does (ImagePolicy filterTags)', () => {
    const re = compileGoRegexp('^main-[a-f0-9]+-(?P<ts>[0-9]+)');
    expect(re.subexpNames).toEqual(['', 'ts']);
    expect(re.matchString('main-abc123-1700000000')).toBe(true);
    expect(re.matchString('feature-abc123-1')).toBe(false);
    expect(re.findStringSubmatch('main-abc123-42')).toEqual(['main-abc123-42', '42']);
    expect(re.expandMatch('$ts', 'main-abc123-42')).toBe('42');
    expect(re.expandMatch('$ts', 'nope')).toBeNull();
  });

  it('reports groups that did not take part as undefined, and as empty strings in Go shape', () => {
    const re = compileGoRegexp('(a)|(b)');
    expect(re.findSubmatch('b')).toEqual(['b', undefined, 'b']);
    expect(re.findStringSubmatch('b')).toEqual(['b', '', 'b']);
  });

  it('accepts a group name used twice, as Go does, and expands it to the one that took part', () => {
    const re = compileGoRegexp('(?P<v>a+)|x(?P<v>b+)');
    expect(re.subexpNames).toEqual(['', 'v', 'v']);
    expect(re.expandMatch('[$v]', 'xbb')).toBe('[bb]');
    expect(re.expandMatch('[$v]', 'aa')).toBe('[aa]');
  });

  it.each([
    ['(', 'error parsing regexp: missing closing ): `(`'],
    ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['(?P<n', 'error parsing regexp: invalid named capture: `(?P<n`'],
    ['x{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
    ['a\\', 'error parsing regexp: trailing backslash at end of expression: ``'],
    ['(?=x)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    // Go ≥ 1.22 reads `(?<` as a named group, so a lookbehind is an invalid name.
    ['(?<=x)', 'error parsing regexp: invalid named capture: `(?<=x)`'],
    // A renamed duplicate does not leak into the message.
    ['(?P<a>x)(?P<a>y)(', 'error parsing regexp: missing closing ): `(?P<a>x)(?P<a>y)(`'],
  ])('refuses %j with Go’s message', (pattern, message) => {
    let caught: unknown;
    try {
      compileGoRegexp(pattern);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GoRegexpError);
    expect((caught as GoRegexpError).message).toBe(message);
    expect((caught as GoRegexpError).pattern).toBe(pattern);
  });

  it('refuses nesting beyond Go’s limit with the whole pattern in the message', () => {
    const deep = `${'('.repeat(1001)}a${')'.repeat(1001)}`;
    expect(() => compileGoRegexp(deep)).toThrow(
      `error parsing regexp: expression nests too deeply: \`${deep}\``,
    );
  });

  it('knows (?<name>…) (Go 1.22) but not Go 1.25’s class aliases such as \\p{Letter} (re2js 2.10)', () => {
    expect(compileGoRegexp('(?<n>x)').subexpNames).toEqual(['', 'n']);
    expect(() => compileGoRegexp('\\p{Letter}')).toThrow('invalid character class range: `\\p{Letter}`');
  });

  it.each([
    ['(a+)+$', 'a'.repeat(100_000) + 'b'],
    ['(a|a)*b', 'a'.repeat(100_000)],
    ['^(\\w+\\s?)*$', 'a '.repeat(50_000) + '!'],
    ['(x+x+)+y', 'x'.repeat(100_000)],
    ['^(a|aa)+$', 'a'.repeat(100_000) + 'b'],
    ['(.*a){12}', 'a'.repeat(100_000) + 'b'],
  ])('runs %s, catastrophic under backtracking, on 100 kB in linear time', (pattern, input) => {
    // Measured here: 2–20 ms to match, ≤ 200 ms for submatches of (.*a){12}. V8's RegExp
    // needs 1.1 s for (a+)+$ on 25 characters, twice that for each one more. Linear means four
    // times the input costs about four times the time; the bound allows for a loaded machine
    // while anything quadratic (16×) or worse fails.
    const re = compileGoRegexp(pattern);
    // The fastest of five runs: preemption on a busy machine only ever adds time.
    const cost = (text: string): number =>
      Math.min(
        ...[0, 1, 2, 3, 4].map(() => {
          const started = performance.now();
          re.matchString(text);
          re.findStringSubmatch(text);
          re.expandMatch('$1', text);
          return performance.now() - started;
        }),
      );
    const quarter = input.slice(input.length - input.length / 4);
    expect(cost(input)).toBeLessThan(8 * cost(quarter) + 100);
  });
});

describe('expandTemplate (Go regexp.Expand)', () => {
  const names = ['', 'ts', '', 'v'];
  const submatch = ['main-1-42', '42', undefined, 'x'];
  it.each([
    ['$1', '42'],
    ['${1}', '42'],
    ['$ts', '42'],
    ['${ts}', '42'],
    ['$0', 'main-1-42'],
    ['$1x', ''], // the name "1x", which no group has
    ['${1}x', '42x'],
    ['$01', ''], // leading zero: a name, not group 1
    ['$2', ''], // did not take part
    ['$9', ''], // no such group
    ['$$', '$'],
    ['$', '$'],
    ['a$', 'a$'],
    ['${', '${'],
    ['${1', '${1'],
    ['${}', '${}'],
    ['$ x', '$ x'],
    ['$-', '$-'],
    ['$v.$ts', 'x.42'],
    ['$ts_suffix', ''], // `_` is a name character
    ['$é', ''], // a Unicode letter is a name character too
    ['$100000000', ''],
    ['v${ts}-${v}$$', 'v42-x$'],
    ['no references', 'no references'],
  ])('%j → %j', (template, want) => {
    expect(expandTemplate(template, submatch, names)).toBe(want);
  });
});

describe('uniqueGroupNames', () => {
  it.each([
    ['(?P<a>x)', '(?P<a>x)'],
    ['(?P<a>x)(?P<a>y)', '(?P<a>x)(?P<a_1>y)'],
    ['(?P<a>x)(?<a>y)(?P<a_1>z)', '(?P<a>x)(?<a_1_>y)(?P<a_1>z)'],
    ['(?P<a>x)[(?P<a>y)]', '(?P<a>x)[(?P<a>y)]'],
    ['(?P<a>x)\\(?P<a>y)', '(?P<a>x)\\(?P<a>y)'],
    ['(?P<a>x)\\Q(?P<a>y)\\E(?P<a>z)', '(?P<a>x)\\Q(?P<a>y)\\E(?P<a_1>z)'],
    ['(?P<a>x)[]a](?P<a>y)', '(?P<a>x)[]a](?P<a_1>y)'],
    ['(?P<a>x)[[:alpha:]](?P<a>y)', '(?P<a>x)[[:alpha:]](?P<a_1>y)'],
    ['(?P<a-b>x)(?P<a-b>y)', '(?P<a-b>x)(?P<a-b>y)'],
  ])('%s → %s', (pattern, want) => {
    expect(uniqueGroupNames(pattern).pattern).toBe(want);
  });
});
