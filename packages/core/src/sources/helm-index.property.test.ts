import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ChartVersionError, selectChartVersion } from '../controllers/helmchart/chart-version.js';
import { compareVersions, parseConstraints, parseTagVersion, satisfies } from '../semver/index.js';
import { fuzzParameters } from '../testing/fuzz.js';
import { helmIndexEntries, HelmIndexError, normalizeIndex } from './helm-index.js';

// Values of every YAML type, in every field the engine reads and some it does not.
const anyScalar = fc.oneof(
  fc.constantFrom('1.0.0', '2.1.0-rc.1', 'v1.2.3', '1.10', '0.1.0', 'latest', ''),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 20 }),
  fc.double({ noNaN: true, min: -10, max: 10 }),
  fc.boolean(),
  fc.constant(null),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: anyScalar },
  { weight: 1, arbitrary: fc.array(anyScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'b'), anyScalar, { maxKeys: 2 }) },
);
const field = (typed: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 5, arbitrary: typed }, { weight: 1, arbitrary: anyValue });
const semverish = fc
  .tuple(
    fc.nat(3),
    fc.nat(12),
    fc.nat(3),
    fc.option(fc.constantFrom('rc.1', 'alpha', '0'), { nil: undefined }),
  )
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre === undefined ? '' : `-${pre}`}`);
const entry = fc.record(
  {
    name: field(fc.constantFrom('app', 'db')),
    version: field(semverish),
    urls: field(fc.array(fc.webUrl(), { maxLength: 2 })),
    digest: field(fc.stringMatching(/^[0-9a-f]{64}$/)),
    created: field(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    description: anyValue,
  },
  { requiredKeys: [] },
);
const entries = fc.dictionary(
  fc.constantFrom('app', 'db', 'web', '0', '__proto__'),
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.array(fc.oneof({ weight: 9, arbitrary: entry }, { weight: 1, arbitrary: anyValue }), {
        maxLength: 5,
      }),
    },
    { weight: 1, arbitrary: anyValue },
  ),
  { maxKeys: 3 },
);
const index = fc.record(
  { apiVersion: field(fc.constant('v1')), entries: field(entries), generated: anyValue },
  { requiredKeys: [] },
);
const isString = (v: unknown): boolean => typeof v === 'string';

describe('Helm index reader (properties)', () => {
  it('reads any index as Flux does: well-typed entries or HelmIndexError, and a stable revision', () => {
    fc.assert(
      fc.property(index, fc.boolean(), (doc, asJson) => {
        const raw = asJson ? JSON.stringify(doc) : stringify(doc);
        let normalized;
        try {
          normalized = normalizeIndex(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(HelmIndexError);
          return;
        }
        // Normalizing the normalized index changes nothing: the revision is a fixed point.
        expect(normalizeIndex(normalized.yaml).digest).toBe(normalized.digest);
        const read = helmIndexEntries((parse(normalized.yaml) as { entries?: unknown }).entries);
        expect(Object.keys(read)).toHaveLength(normalized.charts);
        for (const versions of Object.values(read)) {
          for (const v of versions) {
            for (const key of ['name', 'version', 'digest', 'created'] as const)
              expect(v[key] === undefined || isString(v[key])).toBe(true);
            expect(v.urls === undefined || (Array.isArray(v.urls) && v.urls.every(isString))).toBe(true);
          }
        }
      }),
      fuzzParameters(1000),
    );
  });

  it('picks the newest version a constraint admits, or says why not', () => {
    const constraint = fc.oneof(
      fc.constantFrom('', '*', '>=1.0.0', '<2.0.0', '~1.2', '^0.1', '1.x', '>=1.0.0-0', 'not a range'),
      semverish,
    );
    fc.assert(
      fc.property(index, fc.constantFrom('app', 'db', 'web'), constraint, (doc, name, range) => {
        let read;
        try {
          read = helmIndexEntries(parse(normalizeIndex(stringify(doc)).yaml).entries);
        } catch (error) {
          expect(error).toBeInstanceOf(HelmIndexError);
          return;
        }
        let picked;
        try {
          picked = selectChartVersion(read, name, range);
        } catch (error) {
          expect(error).toBeInstanceOf(ChartVersionError);
          return;
        }
        expect(read[name]).toContain(picked);
        if (range !== '' && picked.version === range) return; // an exact version wins outright
        // The model: the highest strict semver the constraint admits.
        const c = parseConstraints(range === '' ? '*' : range);
        const admitted = (read[name] ?? [])
          .map((v) => parseTagVersion(v.version ?? ''))
          .filter((v) => v !== undefined && satisfies(c, v));
        const best = admitted.reduce((a, b) => (compareVersions(a!, b!) >= 0 ? a : b));
        expect(compareVersions(parseTagVersion(picked.version ?? '')!, best!)).toBe(0);
      }),
      fuzzParameters(1000),
    );
  });
});
