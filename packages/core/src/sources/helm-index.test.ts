import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { helmIndexEntries, humanSize, indexUrl, normalizeIndex } from './helm-index.js';

const index = (generated: string, order: 'ab' | 'ba'): string => {
  const a = 'a:\n    - version: 1.0.0\n      name: a\n';
  const b = 'b:\n    - version: 2.0.0\n      name: b\n    - version: 1.0.0\n      name: b\n';
  return `apiVersion: v1\nentries:\n  ${order === 'ab' ? `${a}  ${b}` : `${b}  ${a}`}generated: "${generated}"\n`;
};

describe('Helm index', () => {
  it('gives the same revision for the same charts, whatever the order or generation time', () => {
    const one = normalizeIndex(index('2026-01-01T00:00:00Z', 'ab'));
    const two = normalizeIndex(index('2026-06-01T00:00:00Z', 'ba'));
    expect(one.digest).toBe(two.digest);
    expect(one.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(one).toMatchObject({ charts: 2, versions: 3 });
  });

  it('changes the revision when a version is added', () => {
    const before = normalizeIndex(index('x', 'ab'));
    const after = normalizeIndex(
      index('x', 'ab').replace('a:\n', 'a:\n    - version: 1.1.0\n      name: a\n'),
    );
    expect(after.digest).not.toBe(before.digest);
  });

  it.each([
    ['not: [yaml', /failed to load Helm repository index/],
    ['just a string', /cannot unmarshal string into an index/],
    ['', /empty index.yaml file/],
    ['entries: {}\n', /no API version specified/],
    // Found by helm-index.property.test.ts: these reached selectChartVersion as a TypeError.
    ['apiVersion: v1\nentries:\n  app: oops\n', /cannot unmarshal string into entries.app/],
    ['apiVersion: v1\nentries:\n  app:\n  - urls: x\n', /cannot unmarshal string into entries.app.urls/],
    ['apiVersion: v1\nentries:\n  app:\n  - version: {a: 1}\n', /entries.app.version of type string/],
  ])('refuses %j as source-controller does', (raw, message) =>
    expect(() => normalizeIndex(raw)).toThrow(message),
  );

  it('accepts an index without entries, and reads entries as Helm does', () => {
    expect(normalizeIndex('apiVersion: v1\n')).toMatchObject({ charts: 0, versions: 0 });
    const raw =
      'apiVersion: v1\nentries:\n  app:\n  - null\n  - name: app\n    version: 1.10\n  - name: app\n    version: latest\n';
    expect(helmIndexEntries(parse(normalizeIndex(raw).yaml).entries)).toEqual({
      app: [{ name: 'app', version: '1.1' }],
    });
  });

  it('refuses YAML alias bombs', () => {
    const bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nentries: {}\n';
    expect(() => normalizeIndex(bomb)).toThrow();
  });

  it.each([
    [512, '512B'],
    [30880, '30.88kB'],
    [2_500_000, '2.5MB'],
  ])('prints %d bytes as %s', (n, s) => expect(humanSize(n)).toBe(s));

  it('builds the index URL', () => {
    expect(indexUrl('http://charts.example.com/')).toBe('http://charts.example.com/index.yaml');
  });
});
