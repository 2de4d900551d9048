import { describe, expect, it } from 'vitest';
import { compileGoTagPattern } from '../go-tag-pattern.js';
import { alphabeticalPolicy } from './alphabetical.js';
import { filterTags } from './filter-tags.js';
import { goParseFloat } from './go-parse-float.js';
import { numericalPolicy } from './numerical.js';
import { policerFromSpec } from './policy-factory.js';
import { InvalidPolicyError, PolicyError } from './policer.js';
import { semverPolicy } from './semver.js';

describe('semver policy (Flux policy/semver_test.go cases)', () => {
  it.each([
    ['1.0.x', ['1.0.0', '1.0.0.1', '1.0.0p', '1.0.1', '1.2.0', '0.1.0'], '1.0.1'],
    ['1.0.x', ['v1.2.3', 'v1.0.0', 'v0.1.0'], 'v1.0.0'],
    ['1.x', ['v1.0.0', '2.0.0', 'v1.0.1', 'latest', '1.2'], 'v1.0.1'],
    ['>=1.0.0-0', ['1.0.0', '1.1.0-rc.1'], '1.1.0-rc.1'],
    ['>=1.0.0', ['1.0.0', '1.1.0-rc.1'], '1.0.0'],
    // Equal versions: the first one in the list stays.
    ['*', ['v1.0.0', '1.0.0'], 'v1.0.0'],
    ['*', ['1.0.0+b', '1.0.0+a'], '1.0.0+b'],
  ])('%s over %j → %s', (range, tags, want) => {
    expect(semverPolicy(range).latest(tags)).toBe(want);
  });

  it.each([
    ['1.0.x', ['b1.2.3', 'b1.0.0', 'b0.1.0'], 'unable to determine latest version from provided list'],
    ['1.0.x', [], 'version list argument cannot be empty'],
    ['1.0.x', ['1.2.0'], 'unable to determine latest version from provided list'],
  ])('%s over %j fails: %s', (range, tags, message) => {
    expect(() => semverPolicy(range).latest(tags)).toThrow(PolicyError);
    expect(() => semverPolicy(range).latest(tags)).toThrow(message);
  });

  it.each(['1.0.0p', '1x', 'x1', '-1', 'a', ''])('refuses the range %j', (range) => {
    expect(() => semverPolicy(range)).toThrow(InvalidPolicyError);
  });
});

describe('alphabetical policy (Flux policy/alphabetical_test.go cases)', () => {
  const calver = ['16.04', '16.04.1', '16.10', '20.04', '20.10'];
  const names = ['xenial', 'yakkety', 'zesty', 'artful', 'bionic'];
  const rfc3339 = [
    '2021-01-08T21-18-21Z',
    '2020-05-08T21-18-21Z',
    '2021-01-08T19-20-00Z',
    '1990-01-08T00-20-00Z',
    '2023-05-08T00-20-00Z',
  ];
  it.each([
    [calver, undefined, '20.10'],
    [calver, 'desc', '16.04'],
    [names, 'asc', 'zesty'],
    [names, 'desc', 'artful'],
    [['rel-1606234201', 'rel-1606364286', 'rel-1606334092'], undefined, 'rel-1606364286'],
    [rfc3339, undefined, '2023-05-08T00-20-00Z'],
    [rfc3339, 'desc', '1990-01-08T00-20-00Z'],
    [['Z', 'a'], undefined, 'a'],
  ])('%j %s → %s', (tags, order, want) => {
    expect(alphabeticalPolicy(order).latest(tags)).toBe(want);
  });

  it('fails on an empty list and refuses an unknown order', () => {
    expect(() => alphabeticalPolicy('asc').latest([])).toThrow('version list argument cannot be empty');
    expect(() => alphabeticalPolicy('sideways')).toThrow(
      "invalid order argument provided: 'SIDEWAYS', must be one of: ASC, DESC",
    );
  });
});

describe('numerical policy (Flux policy/numerical_test.go cases)', () => {
  it.each([
    [['-62', '-88', '73', '72', '15', '16', '15', '29', '-33', '-91'], 'asc', '73'],
    [['5', '-8', '-78', '25', '70', '-4', '80', '92', '-20', '-24'], 'desc', '-78'],
    [
      ['47.40896403322944', '-27.8520927455902', '53.47333823144817', '3.2008658570411086'],
      'asc',
      '53.47333823144817',
    ],
    [['1606234201', '1606364286', '1606334092'], 'desc', '1606234201'],
    [['1'], 'asc', '1'],
    [['1e3', '999', '0x1p10'], 'asc', '0x1p10'],
  ])('%j %s → %s', (tags, order, want) => {
    expect(numericalPolicy(order).latest(tags)).toBe(want);
  });

  it('fails the whole policy on one non-numeric value', () => {
    expect(() => numericalPolicy('asc').latest(['0', '1a', 'b'])).toThrow(
      "failed to parse invalid numeric value '1a'",
    );
    expect(() => numericalPolicy('asc').latest(['1', 'latest'])).toThrow(PolicyError);
    expect(() => numericalPolicy('asc').latest([])).toThrow('version list argument cannot be empty');
  });

  it.each([
    ['1', 1],
    ['-1.5', -1.5],
    ['+.5', 0.5],
    ['5.', 5],
    ['1e5', 100000],
    ['Inf', Infinity],
    ['-infinity', -Infinity],
    ['0x1p-2', 0.25],
    ['0x_1p0', 1],
    // Go's float literal grammar: `_` between digits, with or without a base prefix.
    ['1_000', 1000],
    ['1__0', undefined],
    ['+nan', undefined],
    ['1e400', undefined],
    ['', undefined],
    ['1.2.3', undefined],
    ['v1', undefined],
    [' 1', undefined],
  ])('ParseFloat(%j) = %s', (text, want) => {
    expect(goParseFloat(text)).toBe(want);
  });
});

describe('filterTags (Flux policy/filter_test.go cases)', () => {
  const debug = [
    '123-123.123.abcd123-debug',
    '123-123.123.abcd123',
    '123-123.123.abcd456-debug',
    '123-123.123.abcd456',
  ];
  it.each([
    [['a'], {}, ['a']],
    [['ver1', 'ver2', 'ver3', 'rel1'], { pattern: '^ver' }, ['ver1', 'ver2', 'ver3']],
    [['ver1', 'ver2', 'ver3', 'rel1'], { pattern: 'ver(\\d+)', extract: '$1' }, ['1', '2', '3']],
    [debug, { pattern: '^(123-[0-9]+\\.[0-9]+\\.[a-z0-9]+-debug)' }, [debug[0], debug[2]]],
    [
      debug,
      { pattern: '^(?P<tag>123-[0-9]+\\.[0-9]+\\.[a-z0-9]+[^-debug])', extract: '$tag' },
      [debug[1], debug[3]],
    ],
    [debug, { pattern: '^(?P<tag>123-[0-9]+\\.[0-9]+\\.[a-z0-9]+$)', extract: '$tag' }, [debug[1], debug[3]]],
    [
      ['main-abc-1700', 'main-def-1800', 'dev-x-1900'],
      { pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)', extract: '${ts}' },
      ['1700', '1800'],
    ],
  ])('%j %j → %j', (tags, filter, want) => {
    expect(filterTags(tags, filter, compileGoTagPattern).values.sort()).toEqual([...want].sort());
  });

  it('maps values back to their tags, the later tag winning on a duplicate value', () => {
    const filtered = filterTags(
      ['v1-a', 'v2-b', 'x1-c'],
      { pattern: '^[a-z](\\d)', extract: 'n$1' },
      compileGoTagPattern,
    );
    expect(filtered.original.get('n1')).toBe('x1-c');
    expect(filtered.original.get('n2')).toBe('v2-b');
  });

  it('expands $$, ${1}x, unknown names and malformed references as Go does', () => {
    const expandOne = (pattern: string, extract: string, tag: string): string =>
      filterTags([tag], { pattern, extract }, compileGoTagPattern).values[0] ?? '';
    expect(expandOne('(a)(b)?', '$$1${1}x$1x$2$nope$', 'a')).toBe('$1ax$');
    expect(expandOne('(?P<v>\\d+)', 'v${v}-$0', 'r12')).toBe('v12-12');
    expect(expandOne('(\\d)', '${1', '7')).toBe('${1');
  });

  it('refuses a pattern Go refuses, with the words Flux uses', () => {
    expect(() => filterTags([], { pattern: '(' }, compileGoTagPattern)).toThrow(
      "failed to filter tags: invalid regular expression pattern '(': error parsing regexp: missing closing ): `(`",
    );
  });
});

describe('policerFromSpec', () => {
  it('prefers semver, then alphabetical, then numerical', () => {
    const tags = ['1.0.0', '2.0.0', '10'];
    expect(policerFromSpec({ semver: { range: '1.x' }, alphabetical: {} }).latest(tags)).toBe('1.0.0');
    expect(policerFromSpec({ alphabetical: {}, numerical: {} }).latest(tags)).toBe('2.0.0');
    expect(() => policerFromSpec({})).toThrow('given ImagePolicyChoice object is invalid');
  });
});
