import { describe, expect, it } from 'vitest';
import { confine, mergeChartValues, mergeSourceValues } from './values-files.js';
import { mergeMaps } from './values-merge.js';

describe('mergeMaps (fluxcd/pkg transform.MergeMaps)', () => {
  it.each([
    [{ a: 1 }, { b: 2 }, { a: 1, b: 2 }],
    [{ a: { x: 1, y: 1 } }, { a: { y: 2 } }, { a: { x: 1, y: 2 } }],
    [{ a: [1, 2] }, { a: [3] }, { a: [3] }],
    [{ a: { x: 1 } }, { a: 'flat' }, { a: 'flat' }],
    [{ a: 'flat' }, { a: { x: 1 } }, { a: { x: 1 } }],
    [{ a: 1 }, { a: null }, { a: null }],
  ])('%j + %j = %j', (a, b, expected) => {
    expect(mergeMaps(a, b)).toEqual(expected);
  });
});

const files = (o: Record<string, string>): Map<string, Buffer> =>
  new Map(Object.entries(o).map(([k, v]) => [k, Buffer.from(v)]));

describe('values files', () => {
  const chart = files({
    'values.yaml': 'a: 1\nb: {x: 1}\n',
    'values-prod.yaml': 'b: {y: 2}\n',
    'templates/t.yaml': 'c: 3\n',
    'bad.yaml': '- 1\n',
  });

  it('merges chart files in order, values.yaml meaning the defaults', () => {
    expect(mergeChartValues(chart, ['values.yaml', 'values-prod.yaml'], false)).toEqual({
      values: { a: 1, b: { x: 1, y: 2 } },
      files: ['values.yaml', 'values-prod.yaml'],
    });
  });

  it('refuses missing files unless told to ignore them, and never reads templates', () => {
    expect(() => mergeChartValues(chart, ['missing.yaml'], false)).toThrow(
      "no values file found at path 'missing.yaml'",
    );
    expect(() => mergeChartValues(chart, ['templates/t.yaml'], false)).toThrow(
      "no values file found at path 'templates/t.yaml'",
    );
    expect(mergeChartValues(chart, ['missing.yaml', 'values-prod.yaml'], true)).toEqual({
      values: { b: { y: 2 } },
      files: ['values-prod.yaml'],
    });
    expect(() => mergeChartValues(chart, ['bad.yaml'], false)).toThrow(
      "unmarshaling values from 'bad.yaml' failed",
    );
  });

  it('reads source values relative to the source root, confined to it', () => {
    const source = files({ 'charts/app/values.yaml': 'a: 1\n', 'env/prod.yaml': 'a: 2\n' });
    expect(
      mergeSourceValues(source, ['charts/app/values.yaml', '../../env/prod.yaml'], false).values,
    ).toEqual({ a: 2 });
    expect(() => mergeSourceValues(source, ['env/missing.yaml'], false)).toThrow(
      "no values file found at path '/env/missing.yaml' (reference 'env/missing.yaml')",
    );
    expect(confine('/etc/passwd')).toBe('etc/passwd');
  });
});
