import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YAMLError } from 'yaml';
import { fuzzParameters } from '../testing/fuzz.js';
import { buildGoOracle, oracleDir, startGoOracle, type GoOracleSession } from '../testing/go-oracle.js';
import { GoYamlError, parseGoYaml } from './go-yaml.js';

interface Answer {
  valid: boolean;
  json?: string;
  error?: string;
}
let oracle: GoOracleSession<{ yaml: string }, Answer>;
beforeAll(async () => {
  oracle = startGoOracle(await buildGoOracle(oracleDir('goyaml'), 'goyaml'));
}, 300_000);
afterAll(() => oracle.close());

/** JSON with sorted keys: Go sorts map keys, JS keeps insertion order; -0 and 0 print alike. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

// Scalars where YAML 1.1, YAML 1.2 and go-yaml part ways, and number-shaped noise around them.
const tricky = fc.constantFrom(
  '1:30',
  '190:20:30.15',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10',
  '2001-12-14 21:59:43.10 -5',
  '0777',
  '08',
  '0o17',
  '0O17',
  '0x1F',
  '0b101',
  '-0b11',
  '0b',
  '0x',
  '1_000',
  '+12',
  '-0',
  '.5',
  '+.5',
  '1.',
  '.',
  '1e3',
  '1E3',
  '12e3',
  '1.0e+3',
  '1.5e400',
  '-1e-400',
  '6.02e23',
  '99999999999999999999',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551616',
  '.inf',
  '-.Inf',
  '+.INF',
  '.NaN',
  '.nan',
  'inf',
  'NaN',
  'y',
  'Y',
  'n',
  'yes',
  'No',
  'on',
  'OFF',
  'True',
  'tRUE',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  '',
  '0x1p3',
  '1__0',
  '_1',
  '1_',
  '=',
  'a',
  'é',
);
const numberish = fc.stringMatching(/^[-+]?[0-9_.eExXoObB]{1,9}$/);
const scalarText = fc.oneof(tricky, numberish);
const scalar = fc.oneof(
  { weight: 6, arbitrary: scalarText },
  { weight: 1, arbitrary: scalarText.map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: scalarText.map((s) => `'${s}'`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('!!int', '!!float', '!!bool', '!!null', '!!str', '!!timestamp', '!foo'),
        scalarText,
      )
      .map(([tag, s]) => `${tag} ${JSON.stringify(s)}`),
  },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 6 }).map((s) => `!!binary ${Buffer.from(s).toString('base64')}`),
  },
);
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor') },
  { weight: 1, arbitrary: tricky },
);

/** A block mapping of scalars, flow lists and nested maps, with an anchor, an alias and a merge. */
const document: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.tuple(key, scalar), { minLength: 1, maxLength: 5 }),
    fc.array(scalar, { maxLength: 3 }),
    fc.array(fc.tuple(key, scalar), { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([pairs, list, nested, merge]) => {
    const lines = pairs.map(([k, v]) => `${k === '' ? '""' : k}: ${v}`);
    lines.push(`list: [${list.join(', ')}]`);
    lines.push('base: &base', ...nested.map(([k, v]) => `  ${k === '' ? '""' : k}: ${v}`), '  z: 1');
    lines.push(merge ? 'copy:\n  <<: *base\n  z: 2' : 'copy: *base');
    return `${lines.join('\n')}\n`;
  });

function ours(text: string): Answer {
  try {
    return { valid: true, json: canonical(parseGoYaml(text, { maxAliasCount: 100 })) };
  } catch (error) {
    if (!(error instanceof GoYamlError || error instanceof YAMLError)) throw error;
    return { valid: false };
  }
}

describe('YAML as sigs.k8s.io/yaml reads it (property, against go-yaml v2)', () => {
  it('gives the JSON go-yaml gives, or fails where it fails', async () => {
    await fc.assert(
      fc.asyncProperty(document, async (text) => {
        const expected = async (): Promise<Answer> => {
          const go = await oracle.ask({ yaml: text });
          return go.valid
            ? { valid: true, json: canonical(JSON.parse(go.json ?? 'null')) }
            : { valid: false };
        };
        const got = ours(text);
        let want = await expected();
        // Two .nan keys are two keys in a Go map (NaN != NaN); which one JSON keeps follows Go's
        // randomised map order, so Go answers differently run to run: ours must be one of them.
        for (let retry = 0; retry < 32 && /\.nan/i.test(text) && !isDeepStrictEqual(got, want); retry++)
          want = await expected();
        expect(got).toEqual(want);
      }),
      fuzzParameters(1500),
    );
  });

  it('keeps the examples this property found', () => {
    // YAML 1.1 as the yaml package reads it made these 90, a Date, null and an error.
    expect(parseGoYaml('a: 1:30\nb: 2001-12-14\nc: 1.5e400\nd: 0o17\n', { maxAliasCount: 100 })).toEqual({
      a: '1:30',
      b: '2001-12-14',
      c: '1.5e400',
      d: 15,
    });
  });
});
