import { describe, expect, it } from 'vitest';
import type { ValuesReference } from '../../api/helmrelease-v2.js';
import { composeValues, readValues, replacePathValue, type ValuesObject } from './values-compose.js';

type Store = Record<string, Record<string, string>>;

const reader =
  (store: Store) =>
  (kind: 'ConfigMap' | 'Secret', name: string): Promise<ValuesObject> =>
    Promise.resolve(store[`${kind}/${name}`] ? { data: store[`${kind}/${name}`] ?? {} } : undefined);

const compose = (inline: Record<string, unknown> | undefined, refs: ValuesReference[], store: Store) =>
  composeValues('apps', inline, refs, reader(store));

describe('values from references (fluxcd/pkg ChartValuesFromReferences)', () => {
  it('merges references in order, then inline values last', async () => {
    const { values } = await compose(
      { replicaCount: 3, image: { tag: 'inline' } },
      [
        { kind: 'ConfigMap', name: 'base' },
        { kind: 'Secret', name: 'creds', valuesKey: 'extra.yaml' },
      ],
      {
        'ConfigMap/base': {
          'values.yaml': 'replicaCount: 1\nimage:\n  repository: ghcr.io/x\n  tag: base\nlist: [1, 2]',
        },
        'Secret/creds': { 'extra.yaml': 'list: [3]\npassword: hunter2-planted' },
      },
    );
    expect(values).toEqual({
      replicaCount: 3,
      image: { repository: 'ghcr.io/x', tag: 'inline' },
      list: [3],
      password: 'hunter2-planted',
    });
  });

  it('collects Secret-derived strings for redaction, never ConfigMap ones', async () => {
    const { secretStrings } = await compose(
      undefined,
      [
        { kind: 'ConfigMap', name: 'cm' },
        { kind: 'Secret', name: 's', valuesKey: 'token', targetPath: 'auth.token' },
        { kind: 'Secret', name: 's' },
      ],
      {
        'ConfigMap/cm': { 'values.yaml': 'public: visible-value' },
        'Secret/s': {
          token: 'tok-planted-1234',
          'values.yaml': 'db:\n  password: pw-planted-5678\n  port: 5432',
        },
      },
    );
    expect(secretStrings).toEqual(['tok-planted-1234', 'pw-planted-5678']);
  });

  it.each<[string, ValuesReference, Record<string, unknown>]>([
    [
      'typed --set value',
      { kind: 'ConfigMap', name: 'v', valuesKey: 'n', targetPath: 'a.b' },
      { a: { b: 5, keep: 1 }, top: 'inline' },
    ],
    [
      'quoted value stays a string',
      { kind: 'ConfigMap', name: 'v', valuesKey: 'q', targetPath: 'a.b' },
      { a: { b: '5', keep: 1 }, top: 'inline' },
    ],
    [
      'literal keeps commas and braces',
      { kind: 'ConfigMap', name: 'v', valuesKey: 'l', targetPath: 'a.b', literal: true },
      { a: { b: 'x,{y}', keep: 1 }, top: 'inline' },
    ],
    [
      'list index',
      { kind: 'ConfigMap', name: 'v', valuesKey: 'n', targetPath: 'list[1]' },
      { a: { b: 1, keep: 1 }, top: 'inline', list: [null, 5] },
    ],
  ])('targetPath: %s (and it beats nested inline values)', async (_name, ref, expected) => {
    const { values } = await compose({ a: { b: 1, keep: 1 }, top: 'inline' }, [ref], {
      'ConfigMap/v': { n: '5', q: '"5"', l: 'x,{y}' },
    });
    expect(values).toEqual(expected);
  });

  it('a targetPath at the top level loses to the inline value, as in Flux', async () => {
    const { values } = await compose(
      { top: 'inline' },
      [{ kind: 'ConfigMap', name: 'v', valuesKey: 'n', targetPath: 'top' }],
      {
        'ConfigMap/v': { n: 'fromref' },
      },
    );
    expect(values).toEqual({ top: 'inline' });
  });

  it('optional tolerates a missing object or key, nothing else', async () => {
    const store: Store = { 'ConfigMap/bad': { 'values.yaml': 'a: [' } };
    await expect(
      compose(
        undefined,
        [
          { kind: 'Secret', name: 'gone', optional: true },
          { kind: 'ConfigMap', name: 'bad', valuesKey: 'nope', optional: true },
        ],
        store,
      ),
    ).resolves.toEqual({ values: {}, secretStrings: [] });
    await expect(compose(undefined, [{ kind: 'Secret', name: 'gone' }], store)).rejects.toThrow(
      `could not resolve Secret chart values reference 'apps/gone' with key 'values.yaml': secrets "gone" not found`,
    );
    await expect(
      compose(undefined, [{ kind: 'ConfigMap', name: 'bad', valuesKey: 'x' }], store),
    ).rejects.toThrow(
      `could not resolve ConfigMap chart values reference 'apps/bad' with key 'x': key not found`,
    );
    await expect(
      compose(undefined, [{ kind: 'ConfigMap', name: 'bad', optional: true }], store),
    ).rejects.toThrow(
      /^could not resolve optional ConfigMap chart values reference 'apps\/bad' with key 'values.yaml': error converting YAML to JSON: yaml: /,
    );
  });

  it('reads values as sigs.k8s.io/yaml does (YAML 1.1, mappings only)', () => {
    expect(readValues('')).toEqual({});
    expect(readValues('enabled: on\nmode: yes')).toEqual({ enabled: true, mode: true });
    expect(() => readValues('- a')).toThrow(
      'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
  });
});

describe('found by the strvals and go-yaml properties', () => {
  it('keeps a targetPath through __proto__ as data, never on Object.prototype', () => {
    // The strvals port read data['__proto__'] and walked into Object.prototype: a HelmRelease's
    // valuesFrom targetPath `__proto__.polluted` set `polluted` on every object in the process.
    const values: Record<string, unknown> = {};
    replacePathValue(values, '__proto__.polluted', 'yes');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(values)).toBe('{"__proto__":{"polluted":"yes"}}');
  });

  it('reads values files as sigs.k8s.io/yaml does', () => {
    expect(readValues('a: 1:30\nb: 2001-12-14\nc: on\n')).toEqual({ a: '1:30', b: '2001-12-14', c: true });
  });
});
