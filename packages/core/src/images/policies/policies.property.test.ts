import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareVersions, parseConstraints, parseTagVersion, satisfies } from '../../semver/index.js';
import { fuzzParameters } from '../../testing/fuzz.js';
import { buildGoOracle, oracleDir, startGoOracle, type GoOracleSession } from '../../testing/go-oracle.js';
import { alphabeticalPolicy } from './alphabetical.js';
import { goParseFloat } from './go-parse-float.js';
import { numericalPolicy } from './numerical.js';
import { PolicyError } from './policer.js';
import { semverPolicy } from './semver.js';

interface Answer {
  valid: boolean;
  text?: string;
  error?: string;
}
let oracle: GoOracleSession<{ op: 'parsefloat'; input: string }, Answer>;
beforeAll(async () => {
  oracle = startGoOracle(await buildGoOracle(oracleDir('gostd'), 'gostd'));
}, 300_000);
afterAll(() => oracle.close());

/** Go's shortest text of a float64 back to the number it names (exact: the text round-trips). */
function goNumber(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

// Tags a registry might hold for a numerical policy: the pieces of ParseFloat's grammar (signs,
// digits, points, exponents, hex with p exponents, underscores, inf and nan), in any order, and
// values at float64's edges (subnormals, overflow, long mantissas).
const piece = fc.constantFrom(
  '0',
  '1',
  '7',
  '9',
  '00',
  '123456789',
  'f',
  'A',
  '.',
  '_',
  'e',
  'E',
  'p',
  'P',
  '+',
  '-',
  '0x',
  '0X',
  'inf',
  'Infinity',
  'nan',
  'NaN',
  'x',
  ' ',
);
const edge = fc.constantFrom(
  '1e308',
  '1.8e308',
  '1e-320',
  '4e-324',
  '2e-324',
  '0x1p-1074',
  '0x10p-1078',
  '0x1p-1075',
  '0x1.8p-1075',
  '0x1p1023',
  '0x1.fffffffffffff8p1023',
  '0x1.00000000000008p0',
  '0x1.000000000000081p0',
  '9007199254740993',
  '0x20000000000001p0',
  '0x1_0p0',
  '0x1._8p0',
  '0x_1p0',
  '0x1p_1',
  '1_0',
  '+nan',
  '-nan',
  '+inf',
  '-Inf',
  'infinity',
  'infinit',
  '.e1',
  '1e',
  '0x1p',
  '0x.p1',
  '0x.8p1',
);
const floatText = fc.oneof(
  { weight: 3, arbitrary: fc.array(piece, { minLength: 1, maxLength: 7 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: edge },
  { weight: 1, arbitrary: fc.double().map(String) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1100, max: 1100 }))
      .map(([d, e]) => `0x${Math.abs(d).toString(16)}p${e}`),
  },
);

describe('numerical tag policy (properties, against Go’s strconv.ParseFloat)', () => {
  it('reads a tag as ParseFloat does: the same validity and the same float64', async () => {
    await fc.assert(
      fc.asyncProperty(floatText, async (text) => {
        const go = await oracle.ask({ op: 'parsefloat', input: text });
        const ours = goParseFloat(text);
        expect({ text, valid: ours !== undefined }).toEqual({ text, valid: go.valid });
        if (go.valid) expect(Object.is(ours, goNumber(go.text ?? ''))).toBe(true);
      }),
      fuzzParameters(2000),
    );
  });

  it('picks the largest (asc) or smallest (desc) value, the later of equals, or fails on any invalid tag', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(floatText, { maxLength: 6 }),
        fc.constantFrom('asc', 'desc', undefined),
        async (tags, order) => {
          const answers = await Promise.all(tags.map((input) => oracle.ask({ op: 'parsefloat', input })));
          const pick = (): string => numericalPolicy(order).latest(tags);
          if (tags.length === 0 || answers.some((a) => !a.valid)) {
            expect(pick).toThrow(PolicyError);
            return;
          }
          // Flux's loop, over Go's values: keep a value unless it is beaten (NaN never beats).
          let want = 0;
          answers.forEach((a, i) => {
            const current = goNumber(a.text ?? '');
            const previous = goNumber(answers[want]?.text ?? '');
            const beaten = order === 'desc' ? current > previous : current < previous;
            if (i > 0 && !beaten) want = i;
          });
          expect(pick()).toBe(tags[want]);
        },
      ),
      fuzzParameters(500),
    );
  });

  it('keeps the examples this property found', () => {
    // Go's special() reads a sign only before inf/infinity: +nan is invalid syntax.
    expect(goParseFloat('+nan')).toBeUndefined();
    expect(goParseFloat('-NaN')).toBeUndefined();
    // 2^-1078 underflowed to 0 before the mantissa could lift it back into the subnormals.
    expect(goParseFloat('0x10p-1078')).toBe(5e-324);
    // A hex mantissa past 53 bits rounds once, to even, as Go does.
    expect(goParseFloat('0x1.00000000000008p0')).toBe(1);
    expect(goParseFloat('0x1.000000000000081p0')).toBe(1 + 2 ** -52);
    // Underscores separate digits without a base prefix too (the reader refused 1_000).
    expect(goParseFloat('1_000.5')).toBe(1000.5);
    // Underscores only between digits, also around the point.
    expect(goParseFloat('0x1._8p0')).toBeUndefined();
  });

  it('stays fast on tags far longer than a registry allows', () => {
    const started = performance.now();
    for (const text of [
      `0x${'f'.repeat(100_000)}p-99999999`,
      `${'9'.repeat(100_000)}e-99999`,
      '_'.repeat(100_000),
    ])
      goParseFloat(text);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

const tag = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom(
    '1.0.0',
    'v1.2.3',
    '1.2.3-rc.1',
    '2.0.0+b',
    '0.0.1',
    'latest',
    'Z',
    'a',
    '\u{1F600}',
    '\uFFFD',
  ),
);

describe('alphabetical and semver tag policies (properties)', () => {
  it('alphabetical picks the greatest (asc) or least (desc) tag in UTF-8 byte order', () => {
    fc.assert(
      fc.property(fc.array(tag, { minLength: 1, maxLength: 8 }), fc.boolean(), (tags, desc) => {
        const sorted = [...tags].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        const want = desc ? sorted[0] : sorted[sorted.length - 1];
        expect(alphabeticalPolicy(desc ? 'desc' : 'asc').latest(tags)).toBe(want);
      }),
      fuzzParameters(1000),
    );
  });

  it('semver picks a tag in range that no other tag in range outranks, the first of equals, or fails', () => {
    const range = fc.constantFrom(
      '*',
      '>=1.0.0',
      '1.x',
      '<2.0.0-0',
      '~1.2',
      '^0.0.1',
      '>=1.0.0-0',
      '!=1.0.0',
    );
    fc.assert(
      fc.property(fc.array(tag, { minLength: 1, maxLength: 8 }), range, (tags, r) => {
        const constraints = parseConstraints(r);
        const inRange = tags.filter((t) => {
          const v = parseTagVersion(t);
          return v !== undefined && satisfies(constraints, v);
        });
        if (inRange.length === 0) {
          expect(() => semverPolicy(r).latest(tags)).toThrow(PolicyError);
          return;
        }
        const picked = semverPolicy(r).latest(tags);
        const version = parseTagVersion(picked);
        expect(version && satisfies(constraints, version)).toBe(true);
        for (const other of inRange) {
          const d = compareVersions(parseTagVersion(other)!, version!);
          expect(d).toBeLessThanOrEqual(0);
          // Of equal versions the first stays.
          if (d === 0) expect(tags.indexOf(picked)).toBeLessThanOrEqual(tags.indexOf(other));
        }
      }),
      fuzzParameters(1000),
    );
  });
});
