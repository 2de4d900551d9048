import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParameters } from '../testing/fuzz.js';
import { buildGoOracle, oracleDir, startGoOracle, type GoOracleSession } from '../testing/go-oracle.js';
import {
  DurationError,
  formatDuration,
  formatDurationNs,
  INTERVAL_PATTERN,
  parseDuration,
  parseDurationNs,
} from './duration.js';
import { MAX_TIMER_DELAY_MS, timerDelay } from './timer-delay.js';

interface Answer {
  valid: boolean;
  error?: string;
  ns?: string;
  text?: string;
}
let oracle: GoOracleSession<Record<string, string>, Answer>;
beforeAll(async () => {
  oracle = startGoOracle(await buildGoOracle(oracleDir('gostd'), 'gostd'));
}, 300_000);
afterAll(() => oracle.close());

// Pieces of duration-like text: numbers (some past int64), fractions, units Go knows and does
// not, signs, spaces; so most strings are near the grammar's edges.
const digits = fc.oneof(fc.stringMatching(/^[0-9]{1,3}$/), fc.stringMatching(/^[0-9]{15,25}$/));
const piece = fc.oneof(
  digits,
  digits.map((d) => `.${d}`),
  fc.constantFrom(
    '.',
    'ns',
    'us',
    '\u00b5s',
    '\u03bcs',
    'ms',
    's',
    'm',
    'h',
    'd',
    'x',
    'S',
    ' ',
    '"',
    '\u00e9',
  ),
);
const goish = fc
  .tuple(fc.constantFrom('', '', '-', '+'), fc.array(piece, { maxLength: 8 }))
  .map(([sign, parts]) => sign + parts.join(''));
// What Flux's CRD pattern admits: unsigned, with h; big numbers included (`99999999999h`).
const fluxInterval = fc
  .array(fc.tuple(digits, fc.option(digits, { nil: undefined }), fc.constantFrom('ms', 's', 'm', 'h')), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.map(([n, f, u]) => `${n}${f === undefined ? '' : `.${f}`}${u}`).join(''));

function ours(text: string): Answer {
  try {
    const ns = parseDurationNs(text);
    return { valid: true, ns: ns.toString(), text: formatDurationNs(ns) };
  } catch (error) {
    if (!(error instanceof DurationError)) throw error;
    return { valid: false, error: error.message };
  }
}

describe('Go duration properties', () => {
  it('parses and prints exactly as Go’s time package (validity, nanoseconds, text, error)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(goish, fluxInterval, fc.string({ maxLength: 12 })), async (text) => {
        const go = await oracle.ask({ op: 'duration', input: text });
        expect(ours(text)).toEqual(go);
      }),
      fuzzParameters(1500),
    );
  });

  it('prints any nanosecond count as Go does', async () => {
    const ns = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });
    await fc.assert(
      fc.asyncProperty(fc.oneof(ns, fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n })), async (n) => {
        const go = await oracle.ask({ op: 'format', ns: n.toString() });
        expect(formatDurationNs(n)).toBe(go.text);
      }),
      fuzzParameters(1000),
    );
  });

  it('round-trips through milliseconds to the nanosecond for anything up to 49 days', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 32n) * 1_000_000n, max: 2n ** 32n * 1_000_000n }), (n) => {
        expect(formatDuration(Number(n) / 1e6)).toBe(formatDurationNs(n));
      }),
      fuzzParameters(1000),
    );
  });

  it('gives every interval Flux admits a timer that neither fires early nor overflows', () => {
    fc.assert(
      fc.property(fluxInterval, (text) => {
        expect(text).toMatch(INTERVAL_PATTERN);
        let ms: number;
        try {
          ms = parseDuration(text);
        } catch (error) {
          expect(error).toBeInstanceOf(DurationError);
          return;
        }
        const delay = timerDelay(ms);
        expect(delay).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
        expect(delay).toBe(Math.min(ms, MAX_TIMER_DELAY_MS));
      }),
      fuzzParameters(1000),
    );
    expect(timerDelay(parseDuration('720h'))).toBe(MAX_TIMER_DELAY_MS);
  });

  it('stays linear on long input', () => {
    for (const text of ['1s'.repeat(200_000), `1.${'9'.repeat(400_000)}s`, `${'9'.repeat(400_000)}h`]) {
      const started = performance.now();
      try {
        parseDurationNs(text);
      } catch (error) {
        expect(error).toBeInstanceOf(DurationError);
      }
      expect(performance.now() - started).toBeLessThan(3_000); // a hang guard: each takes a few ms
    }
  });
});
