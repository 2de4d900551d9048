import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pinnedHelmBin } from '../../testing/cluster-fixture.js';
import { fuzzParameters } from '../../testing/fuzz.js';
import { parseInto, parseIntoString, StrvalsError } from './strvals.js';
import { replacePathLiteralValue, replacePathValue } from './values-compose.js';

const run = promisify(execFile);

// A chart whose only template prints the values it was given, so `helm template --set` is the oracle.
const chart = mkdtempSync(join(tmpdir(), 'strvals-oracle-'));
mkdirSync(join(chart, 'templates'));
writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: oracle\nversion: 0.1.0\n');
writeFileSync(
  join(chart, 'templates', 'values.yaml'),
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: oracle\ndata:\n  values: {{ toJson .Values | quote }}\n',
);
afterAll(() => rmSync(chart, { recursive: true, force: true }));

/** Helm's own answer: the values `--set`/`--set-string` builds, or that it refused. */
async function helmSet(
  flag: '--set' | '--set-string',
  text: string,
): Promise<{ valid: boolean; values?: unknown }> {
  try {
    const { stdout } = await run(pinnedHelmBin(), ['template', 'oracle', chart, flag, text], {
      timeout: 30_000,
      env: {
        PATH: '/usr/bin:/bin',
        HOME: chart,
        HELM_CACHE_HOME: chart,
        HELM_CONFIG_HOME: chart,
        HELM_DATA_HOME: chart,
      },
    });
    const doc = parse(stdout) as { data: { values: string } };
    return { valid: true, values: JSON.parse(doc.data.values) };
  } catch {
    return { valid: false };
  }
}

function ours(asString: boolean, text: string): { valid: boolean; values?: unknown } {
  const dest: Record<string, unknown> = {};
  try {
    (asString ? parseIntoString : parseInto)(text, dest);
    return { valid: true, values: dest };
  } catch (error) {
    if (!(error instanceof StrvalsError)) throw error;
    return { valid: false };
  }
}

const key = fc.constantFrom('a', 'b', 'name', 'x_y', '__proto__', 'constructor', 'prototype', 'toString', '');
const index = fc.constantFrom('[0]', '[1]', '[2]', '[-1]', '[x]', '[65537]');
const path = fc
  .array(fc.oneof({ weight: 3, arbitrary: key.map((k) => `.${k}`) }, { weight: 1, arbitrary: index }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.join('').replace(/^\./, ''));
const scalar = fc.constantFrom(
  'v',
  'true',
  'FALSE',
  'null',
  '0',
  '007',
  '-12',
  '+3',
  '1e3',
  '1.5',
  '',
  'é',
  'a\\,b',
  'a\\.b',
  'a\\=b',
  'x y',
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }).map((v) => `{${v.join(',')}}`) },
);
const setText = fc
  .array(fc.tuple(path, fc.constantFrom('=', '=', '=', ''), value), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.map(([p, eq, v]) => `${p}${eq}${eq ? v : ''}`).join(','));

describe('strvals (properties)', () => {
  it('never touches Object.prototype, whatever the keys', () => {
    fc.assert(
      fc.property(setText, fc.boolean(), (text, asString) => {
        ours(asString, text);
        const probe: Record<string, unknown> = {};
        for (const k of ['polluted', 'a', 'b', 'name', 'x_y', 'v', '0']) expect(probe[k]).toBeUndefined();
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      fuzzParameters(2000),
    );
  });

  it('builds the values Helm’s --set and --set-string build, or fails where Helm fails', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(setText, fc.boolean(), async (text, asString) => {
        const helm = await helmSet(asString ? '--set-string' : '--set', text);
        if (helm.valid) accepted += 1;
        expect(ours(asString, text)).toEqual(helm);
      }),
      fuzzParameters(25, { maxRuns: 3000 }),
    );
    expect(accepted).toBeGreaterThan(0); // the oracle answered, not just failed
  });

  it('sets any text verbatim at a path with targetPath literal semantics, and reads it back', () => {
    const segment = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.string({ maxLength: 20 }),
        (segments, text) => {
          const values: Record<string, unknown> = {};
          replacePathLiteralValue(values, segments.join('.'), text);
          let at: unknown = values;
          for (const s of segments) at = (at as Record<string, unknown>)[s];
          expect(at).toBe(text);
          // The typed form agrees for plain words.
          if (/^[a-z]+$/.test(text) && !['true', 'false', 'null'].includes(text)) {
            const typed: Record<string, unknown> = {};
            replacePathValue(typed, segments.join('.'), text);
            expect(typed).toEqual(values);
          }
        },
      ),
      fuzzParameters(1000),
    );
  });

  it('stays bounded on long and deeply nested paths', () => {
    for (const text of [
      'a.'.repeat(10_000) + 'b=1',
      '[0]'.repeat(10_000) + '=1',
      `a=${'\\,'.repeat(100_000)}`,
      'a[65536]=1',
    ]) {
      const started = performance.now();
      ours(false, text);
      expect(performance.now() - started).toBeLessThan(3_000); // a hang guard
    }
  });
});
