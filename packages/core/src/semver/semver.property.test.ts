import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParameters } from '../testing/fuzz.js';
import { buildGoOracle, oracleDir, startGoOracle, type GoOracleSession } from '../testing/go-oracle.js';
import { MAX_CONSTRAINT_LENGTH, parseConstraints, satisfies } from './constraint.js';
import { compareVersions, formatVersion, parseStrictVersion, parseVersion } from './version.js';

interface Answer {
  valid: boolean;
  constraintValid: boolean;
  versionValid: boolean;
  matches: boolean;
  result: number;
  canonical?: string;
  error?: string;
}
type Request =
  | { op: 'check'; constraint: string; version: string }
  | { op: 'compare'; a: string; b: string }
  | { op: 'strict' | 'loose'; version: string };
let oracle: GoOracleSession<Request, Answer>;
beforeAll(async () => {
  oracle = startGoOracle(await buildGoOracle(oracleDir('semver'), 'semver'));
}, 300_000);
afterAll(() => oracle.close());

const attempt = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};

// Versions near the grammar's edges: wildcards, missing parts, v, leading zeros, pre-releases,
// build metadata, numbers past 64 bits, stray characters.
const part = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('0', '1', '2', '10', '01') },
  { weight: 1, arbitrary: fc.constantFrom('x', 'X', '*', '18446744073709551616', 'a', '') },
);
const version = fc
  .tuple(
    fc.constantFrom('', '', 'v', 'V', ' '),
    fc.array(part, { minLength: 1, maxLength: 4 }),
    fc.option(fc.constantFrom('alpha', 'rc.1', '0', '01', 'x-y', 'beta.2', ''), { nil: undefined }),
    fc.option(fc.constantFrom('build.1', '001', 'sha.abc', ''), { nil: undefined }),
  )
  .map(
    ([v, parts, pre, build]) =>
      `${v}${parts.join('.')}${pre === undefined ? '' : `-${pre}`}${build === undefined ? '' : `+${build}`}`,
  );
const op = fc.constantFrom('', '=', '!=', '>', '<', '>=', '<=', '=>', '=<', '~', '~>', '^', '> ', '>= ');
const single = fc.tuple(op, version).map(([o, v]) => `${o}${v}`);
const and = fc
  .array(single, { minLength: 1, maxLength: 3 })
  .chain((cs) => fc.constantFrom(' ', ', ', ',', '  ').map((sep) => cs.join(sep)));
const hyphen = fc.tuple(version, version).map(([a, b]) => `${a} - ${b}`);
const constraint = fc.oneof(
  fc.array(fc.oneof(and, hyphen), { minLength: 1, maxLength: 3 }).map((alts) => alts.join(' || ')),
  fc.string({ maxLength: 12 }),
);

describe('semver (properties, against Masterminds semver)', () => {
  it('checks constraints as Go does: validity, the error text, and whether a version matches', async () => {
    // Versions at the constraint's own bounds (and one step off) are where comparisons go wrong.
    const near = (v: string, step: number): string =>
      v.replace(/\d+(?=[^\d]*$)/, (d) => String(Math.max(0, Number(d) + step)));
    const probe = constraint.chain((c) => {
      const bounds = c.match(/v?\d+(\.\d+){0,2}(-[a-z0-9.]+)?/gi) ?? [];
      const derived =
        bounds.length === 0
          ? version
          : fc
              .tuple(fc.constantFrom(...bounds), fc.constantFrom(-1, 0, 0, 1))
              .map(([b, step]) => near(b, step));
      return fc.tuple(fc.constant(c), fc.oneof(version, derived));
    });
    await fc.assert(
      fc.asyncProperty(probe, async ([c, v]) => {
        const go = await oracle.ask({ op: 'check', constraint: c, version: v });
        const parsed = attempt(() => parseConstraints(c));
        const ver = attempt(() => parseVersion(v));
        expect({
          constraintValid: !!parsed,
          versionValid: !!ver,
          matches: !!parsed && !!ver && satisfies(parsed, ver),
        }).toEqual({
          constraintValid: go.constraintValid,
          versionValid: go.versionValid,
          matches: go.matches,
        });
        if (!go.constraintValid && go.error && c.length <= MAX_CONSTRAINT_LENGTH)
          expect(() => parseConstraints(c)).toThrow(go.error);
      }),
      fuzzParameters(2000),
    );
  });

  it('parses, prints and orders versions as Go does', async () => {
    await fc.assert(
      fc.asyncProperty(version, version, async (a, b) => {
        const loose = await oracle.ask({ op: 'loose', version: a });
        const va = attempt(() => parseVersion(a));
        expect(va ? { valid: true, canonical: formatVersion(va) } : { valid: false }).toEqual(
          loose.valid ? { valid: true, canonical: loose.canonical } : { valid: false },
        );
        expect(!!attempt(() => parseStrictVersion(a))).toBe(
          (await oracle.ask({ op: 'strict', version: a })).valid,
        );
        const cmp = await oracle.ask({ op: 'compare', a, b });
        const vb = attempt(() => parseVersion(b));
        expect(va && vb ? { valid: true, result: compareVersions(va, vb) } : { valid: false }).toEqual(
          cmp.valid ? { valid: true, result: cmp.result } : { valid: false },
        );
      }),
      fuzzParameters(1500),
    );
  });

  it('stays linear on the longest constraint it accepts', () => {
    for (const c of ['1.'.repeat(500), '>=1.0.0 '.repeat(120), '||'.repeat(500), `${'x'.repeat(1000)}-`]) {
      const started = performance.now();
      attempt(() => parseConstraints(c.slice(0, MAX_CONSTRAINT_LENGTH)));
      expect(performance.now() - started).toBeLessThan(3_000); // a hang guard
    }
  });
});
