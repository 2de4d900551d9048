import { describe, expect, it } from 'vitest';
import { MAX_CONSTRAINT_LENGTH, parseConstraints, satisfies } from './constraint.js';
import { VALID_CONSTRAINT, VALID_CONSTRAINT_GO } from './constraint-syntax.js';
import { semverOracleCorpus } from './oracle-corpus.js';
import { latestMatching, parseTagVersion } from './latest.js';
import { compareVersions, formatVersion, parseVersion, SemverError } from './version.js';

const check = (constraint: string, version: string): boolean =>
  satisfies(parseConstraints(constraint), parseVersion(version));

describe('constraints (Masterminds semantics)', () => {
  it.each([
    ['^1.2.3', '1.9.9', true],
    ['^1.2.3', '2.0.0', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['^0.0.3', '0.0.4', false],
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['~1', '1.9.0', true],
    ['1.2 - 1.4.5', '1.4.5', true],
    ['1.2 - 1.4.5', '1.4.6', false],
    ['>=1.2, <2', '1.5.0', true],
    ['>=1.2 <2', '2.0.0', false],
    ['<1 || >=3', '3.1.0', true],
    ['1.x', '1.7.3', true],
    ['*', '9.9.9', true],
    ['!=1.2.x', '1.2.7', false],
    ['v1.2.3', '1.2.3', true],
  ])('%s admits %s: %s', (constraint, version, expected) => {
    expect(check(constraint, version)).toBe(expected);
  });

  it('excludes pre-releases unless the constraint has one', () => {
    expect(check('>=1.0.0', '1.5.0-rc.1')).toBe(false);
    expect(check('>=1.0.0-0', '1.5.0-rc.1')).toBe(true);
    expect(check('*', '1.0.0-alpha')).toBe(false);
  });

  it('rejects improper constraints with Masterminds messages', () => {
    expect(() => parseConstraints('>>1')).toThrow('improper constraint: >>1');
    expect(() => parseConstraints('')).toThrow(SemverError);
    expect(() => parseConstraints('1.2.3.4')).toThrow('improper constraint: 1.2.3.4');
  });

  it('stays fast on inputs built to make backtracking explode, and caps the length', () => {
    // `1, 1, 1, … !` backtracks exponentially through Go's own regular expression in V8.
    const evil = `1${', 1'.repeat(300)} !`;
    const start = performance.now();
    expect(() => parseConstraints(evil)).toThrow(SemverError);
    expect(performance.now() - start).toBeLessThan(2_000); // exponential would never finish
    expect(() => parseConstraints('1'.repeat(MAX_CONSTRAINT_LENGTH + 1))).toThrow(/longer than/);
  });
});

describe('the unambiguous AND-group grammar', () => {
  it("accepts exactly what Go's regular expression accepts on the corpus", () => {
    const segments = semverOracleCorpus().flatMap((r) => (r.op === 'check' ? r.constraint.split('||') : []));
    const extra = [
      ' 1',
      '1 ',
      '1 ,2',
      '1, 2',
      '1 2',
      '1,,2',
      '>= 1',
      '>=  1 <2',
      ', 1',
      '1,',
      '\t~1.2',
      '=> 1 =< 2',
      '~>1',
    ];
    for (const segment of [...segments, ...extra]) {
      expect([segment, VALID_CONSTRAINT.test(segment)]).toEqual([segment, VALID_CONSTRAINT_GO.test(segment)]);
    }
  });
});

describe('versions', () => {
  it('orders pre-releases numerically then lexically, metadata ignored', () => {
    const sorted = [
      '1.0.0',
      '1.0.0-rc.1',
      '1.0.0-beta.11',
      '1.0.0-beta.2',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '0.9.0',
    ]
      .map(parseVersion)
      .sort(compareVersions)
      .map((v) => v.original);
    expect(sorted).toEqual([
      '0.9.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ]);
    expect(compareVersions(parseVersion('1.0.0+a'), parseVersion('1.0.0+b'))).toBe(0);
  });

  it('keeps 64-bit segments exact', () => {
    expect(formatVersion(parseVersion('18446744073709551615.0.1'))).toBe('18446744073709551615.0.1');
    expect(() => parseVersion('18446744073709551616.0.0')).toThrow(SemverError);
  });
});

describe('tag versions (fluxcd/pkg version.ParseVersion)', () => {
  it.each([
    ['v1.2.3', true],
    ['1.2.3-rc.1+build', true],
    ['1.2', false],
    ['v1', false],
    ['01.2.3', false],
    ['vv1.2.3', false],
    ['1.2.3-', false],
    ['latest', false],
  ])('%s is a version: %s', (tag, ok) => {
    expect(parseTagVersion(tag) !== undefined).toBe(ok);
  });
});

describe('latestMatching', () => {
  const candidates = ['v1.0.0', '1.2.0', 'v1.10.0', '2.0.0-rc.1', '2.0.0', '1.10.0+b'].map((item) => ({
    item,
    version: parseVersion(item),
  }));

  it('picks the highest satisfying version', () => {
    expect(latestMatching(parseConstraints('^1'), candidates)?.item).toBe('1.10.0+b');
    expect(latestMatching(parseConstraints('>=2.0.0-0'), candidates)?.item).toBe('2.0.0');
    expect(latestMatching(parseConstraints('<2.0.0-0'), candidates)?.item).toBe('1.10.0+b');
    expect(latestMatching(parseConstraints('>3'), candidates)).toBeUndefined();
  });

  it('breaks ties between equal versions with the tie-breaker', () => {
    const order = ['1.10.0+b', 'v1.10.0'];
    const newer = (a: string, b: string): number => order.indexOf(a) - order.indexOf(b);
    expect(latestMatching(parseConstraints('^1'), candidates, newer)?.item).toBe('v1.10.0');
  });
});
