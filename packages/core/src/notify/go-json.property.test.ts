import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParameters } from '../testing/fuzz.js';
import { buildGoOracle, oracleDir, startGoOracle, type GoOracleSession } from '../testing/go-oracle.js';
import { eventJson, type FluxEvent } from './event.js';
import { goMap, goMarshal } from './go-json.js';
import { combineEventMetadata } from './metadata.js';

interface Answer {
  valid: boolean;
  text?: string;
  error?: string;
}
let oracle: GoOracleSession<{ op: 'json'; value: unknown }, Answer>;
beforeAll(async () => {
  oracle = startGoOracle(await buildGoOracle(oracleDir('gostd'), 'gostd'));
}, 300_000);
afterAll(() => oracle.close());

// Keys and strings where Go's bytes and JavaScript's differ: integer-like keys (JavaScript
// orders them first), astral characters (UTF-16 and UTF-8 sort them differently), HTML
// characters and line separators (Go escapes them), and keys JavaScript objects treat specially.
const tricky = fc.constantFrom(
  '1',
  '10',
  '9',
  '01',
  'a',
  'B',
  '\u{1F600}',
  '\uFFFD',
  '\u00e9',
  '<b>&',
  '\u2028',
  '__proto__',
  'constructor',
  '',
);
const key = fc.oneof(tricky, fc.string({ maxLength: 4 }));
const text = fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 8 }));
const json: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.array(fc.tuple(key, tie('v')), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
  ),
})).v;

/** Every object a Go map, as the payload's metadata maps are. */
function asGoMaps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asGoMaps);
  if (value !== null && typeof value === 'object')
    return goMap(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asGoMaps(v)])));
  return value;
}

describe('notification payloads (properties)', () => {
  it('marshals maps byte for byte as Go’s encoding/json', async () => {
    await fc.assert(
      fc.asyncProperty(json, async (value) => {
        const go = await oracle.ask({ op: 'json', value });
        expect(goMarshal(asGoMaps(value))).toBe(go.text);
      }),
      fuzzParameters(1500),
    );
  });

  it('carries every metadata key of an event, in Go’s order, through combining and marshalling', () => {
    const metadata = fc.dictionary(key, text, { maxKeys: 5 });
    fc.assert(
      fc.property(metadata, metadata, text, (annotations, alertMetadata, message) => {
        const event: FluxEvent = {
          involvedObject: {
            kind: 'Kustomization',
            namespace: 'n',
            name: 'x',
            apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          },
          severity: 'info',
          timestamp: '2026-01-01T00:00:00Z',
          message,
          reason: 'ReconciliationSucceeded',
          metadata: Object.fromEntries(
            Object.entries(annotations).map(([k, v]) => [`event.toolkit.fluxcd.io/${k}`, v]),
          ),
          reportingController: 'kustomize-controller',
        };
        const combined = combineEventMetadata(event, { eventMetadata: alertMetadata }).event;
        const want = { ...annotations, ...alertMetadata };
        expect(Object.entries(combined.metadata ?? {}).sort()).toEqual(Object.entries(want).sort());
        const body = eventJson(combined);
        const parsed = JSON.parse(body) as { message: string; metadata?: Record<string, string> };
        expect(parsed.message).toBe(message);
        const keys = Object.keys(want);
        if (keys.length > 0) {
          // The bytes hold the keys in Go's order (JSON.parse would reorder integer-like ones).
          const sorted = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
          const positions = sorted.map((k) => body.indexOf(`${goMarshal(k)}:${goMarshal(want[k])}`));
          expect(positions.every((p) => p >= 0)).toBe(true);
          expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        }
      }),
      fuzzParameters(1000),
    );
  });

  it('keeps the examples this property found', () => {
    // JavaScript put integer-like keys first ("9" before "10"); Go sorts bytes.
    expect(goMarshal(goMap({ '9': 'b', '10': 'a', '\u{1F600}': 'c', '\uFFFD': 'd' }))).toBe(
      '{"10":"a","9":"b","\uFFFD":"d","\u{1F600}":"c"}',
    );
    // An Alert's eventMetadata key `__proto__` threw a TypeError in dispatch; Go keeps it.
    const event = { involvedObject: { apiVersion: 'v1' }, metadata: {} } as unknown as FluxEvent;
    const out = combineEventMetadata(event, {
      eventMetadata: JSON.parse('{"__proto__":"x"}') as Record<string, string>,
    });
    expect(Object.keys(out.event.metadata ?? {})).toEqual(['__proto__']);
  });
});
