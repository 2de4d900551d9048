import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../testing/fuzz.js';
import { gunzipCapped } from './gzip-reader.js';
import { TarError } from './tar-error.js';

// Far above the few milliseconds a call takes (so a loaded machine cannot fail it), far below a hang.
const TIME_BOUND_MS = 2_000;

// Compressible data (runs of one byte) as well as noise, so ratios from ~1 to ~1000 occur.
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 200_000 }))
    .map(([byte, n]) => Buffer.alloc(n, byte)),
);

/** Only TarError escapes, the output stays within the cap, and the call ends within the bound. */
function checkGunzip(gz: Buffer, cap: number): void {
  const started = performance.now();
  try {
    expect(gunzipCapped(gz, cap).length).toBeLessThanOrEqual(cap);
  } catch (error) {
    if (!(error instanceof TarError)) throw error;
  }
  expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
}

describe('gzip reader properties', () => {
  it('returns what was compressed when it fits the cap, and a limit error when it does not', () => {
    fc.assert(
      fc.property(payload, fc.integer({ min: 1, max: 300_000 }), (data, cap) => {
        const gz = gzipSync(data);
        if (data.length <= cap) expect(gunzipCapped(gz, cap).equals(data)).toBe(true);
        else expect(() => gunzipCapped(gz, cap)).toThrow(expect.objectContaining({ kind: 'limit' }));
      }),
      fuzzParameters(200),
    );
  });

  it('accepts output of exactly the cap, and one byte more is over it', () => {
    const gz = gzipSync(Buffer.alloc(1000, 7));
    expect(gunzipCapped(gz, 1000).length).toBe(1000);
    expect(() => gunzipCapped(gz, 999)).toThrow('gzip data expands beyond 999 bytes');
  });

  it('reads concatenated members as one stream, as Go does', () => {
    fc.assert(
      fc.property(fc.array(payload, { minLength: 1, maxLength: 4 }), (parts) => {
        const gz = Buffer.concat(parts.map((p) => gzipSync(p)));
        expect(gunzipCapped(gz, 1 << 24).equals(Buffer.concat(parts))).toBe(true);
      }),
      fuzzParameters(100),
    );
  });

  it('holds the cap, the time bound and the error type on random and mutated input', () => {
    const mutated = fc
      .tuple(payload, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
      .map(([data, edits]) => {
        const gz = gzipSync(data);
        for (const [at, value] of edits) gz[at % gz.length] = value;
        return gz;
      });
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
      mutated,
      mutated.map((gz) => gz.subarray(0, Math.floor(gz.length / 2))),
    );
    fc.assert(fc.property(input, fc.integer({ min: 1, max: 100_000 }), checkGunzip), fuzzParameters(500));
  });
});
