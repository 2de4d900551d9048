import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptValue, encryptValue, parseEnvelope, splitEnvelope } from './encrypted-value.js';
import { SopsError } from './errors.js';
import { loadDotenv } from './store-dotenv.js';
import { loadIni } from './store-ini.js';
import { loadJson } from './store-json.js';
import { loadYaml } from './store-yaml.js';
import { shamirCombine, shamirSplit } from './shamir.js';

/** Bounded in `npm test`; `FUZZ_RUNS` raises it for a long run. */
const numRuns = Number(process.env.FUZZ_RUNS ?? 300);
const KEY = randomBytes(32);

/** sops's own regexp, as an oracle for the linear splitter (Go's `.` is `[^\n]`; short inputs only). */
const GO_REGEXP = /^ENC\[AES256_GCM,data:([^\n]+),iv:([^\n]+),tag:([^\n]+),type:([^\n]+)\]/;

const onlyOurErrors = (fn: () => unknown): void => {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof SopsError)) throw error;
  }
};

const envelopeish = fc
  .array(
    fc.constantFrom('ENC[AES256_GCM,data:', ',iv:', ',tag:', ',type:', ']', 'a', '=', ',', '\n', '\r', 'str'),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));

describe('SOPS envelope parser (properties)', () => {
  it('splits exactly as sops’s greedy regexp does', () => {
    fc.assert(
      fc.property(fc.oneof(envelopeish, fc.string({ maxLength: 60 })), (s) => {
        const m = GO_REGEXP.exec(s);
        expect(splitEnvelope(s)).toEqual(m ? [m[1], m[2], m[3], m[4]] : undefined);
      }),
      { numRuns },
    );
  });

  it('never throws anything but SopsError, and stays linear on long hostile input', () => {
    fc.assert(
      fc.property(fc.oneof(envelopeish, fc.string({ maxLength: 200 })), (s) => {
        onlyOurErrors(() => decryptValue(s, KEY, 'a:'));
      }),
      { numRuns },
    );
    const hostile = `ENC[AES256_GCM,data:${',iv:,tag:,type:'.repeat(50_000)}`;
    const started = performance.now();
    onlyOurErrors(() => parseEnvelope(hostile));
    expect(performance.now() - started).toBeLessThan(3_000); // a hang guard: linear parsing takes ~100 ms
  });

  it('round-trips every value type through encrypt → decrypt, and binds the value to its path', () => {
    const value = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.boolean(),
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((v) => ({ t: 'int' as const, v })),
      fc
        .double({ noNaN: true, noDefaultInfinity: true })
        .map((v) => ({ t: 'float' as const, v: v === 0 ? 0 : v })),
    );
    fc.assert(
      fc.property(value, fc.string({ maxLength: 20 }), (v, path) => {
        const enc = encryptValue(v, KEY, `${path}:`);
        expect(decryptValue(enc, KEY, `${path}:`)).toEqual(v);
        expect(() => decryptValue(enc, KEY, `${path}x:`)).toThrow(SopsError);
      }),
      { numRuns },
    );
  });

  it('refuses any single-byte change of a sealed value', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.nat(), (v, at) => {
        const enc = encryptValue(v, KEY, 'k:');
        const data = /data:([^,]+)/.exec(enc)?.[1] ?? '';
        const bytes = Buffer.from(data, 'base64');
        const i = at % bytes.length;
        bytes[i] = (bytes[i] ?? 0) ^ 1;
        const tampered = enc.replace(data, bytes.toString('base64'));
        expect(() => decryptValue(tampered, KEY, 'k:')).toThrow(SopsError);
      }),
      { numRuns },
    );
  });
});

describe('SOPS store readers (properties)', () => {
  it('throw nothing but SopsError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        for (const load of [loadDotenv, loadIni, loadJson, loadYaml]) onlyOurErrors(() => load(s));
      }),
      { numRuns },
    );
  });

  it('bound YAML alias expansion (billion laughs)', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      laughs.push(
        `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9)
          .fill(`*${'abcdefghi'[i - 1]}`)
          .join(',')}]`,
      );
    expect(() => loadYaml(laughs.join('\n'))).toThrow('excessive aliasing');
  });
});

describe('Shamir (properties)', () => {
  it('recombines a secret from any threshold-sized subset of its parts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
        fc.integer({ min: 2, max: 5 }),
        (secret, n) => {
          const parts = shamirSplit(secret, n, 2, (k) => randomBytes(k));
          expect(shamirCombine(parts.slice(0, 2))).toEqual(secret);
          expect(shamirCombine(parts.slice(-2))).toEqual(secret);
        },
      ),
      { numRuns: Math.min(numRuns, 100) },
    );
  });
});
