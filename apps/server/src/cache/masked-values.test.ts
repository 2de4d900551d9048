import { composeValues, type ValuesReference } from '@tideline/core';
import { describe, expect, it } from 'vitest';
import { MASK, maskLeaves, maskSecretData } from './masked-values.js';

describe('maskLeaves', () => {
  it.each([
    ['a string', 'hunter2', MASK],
    ['a number', 3, MASK],
    ['a boolean', false, MASK],
    ['null (a removed key) stays', null, null],
    ['a list, element by element', ['a', 1, { b: 'c' }], [MASK, MASK, { b: MASK }]],
    [
      'a nested map keeps its keys',
      { db: { user: 'app', password: 'pw', ports: [5432] } },
      { db: { user: MASK, password: MASK, ports: [MASK] } },
    ],
    ['an empty map', {}, {}],
  ])('%s', (_name, input, expected) => {
    expect(maskLeaves(input)).toEqual(expected);
  });
});

const secretRef = (extra: Partial<ValuesReference> = {}): ValuesReference => ({
  kind: 'Secret',
  name: 'creds',
  ...extra,
});

describe('maskSecretData', () => {
  it.each([
    [
      'a values map, leaf by leaf',
      { 'values.yaml': 'auth:\n  token: s3cr3t\n' },
      [secretRef()],
      { 'values.yaml': '{"auth":{"token":"***"}}' },
    ],
    [
      'a key a targetPath sets',
      { token: 's3cr3t' },
      [secretRef({ valuesKey: 'token', targetPath: 'auth.token' })],
      { token: MASK },
    ],
    [
      'a key no reference reads and that is not a map is left out',
      { 'ca.crt': '-----BEGIN' },
      [secretRef()],
      {},
    ],
    [
      "another Secret's reference does not count",
      { token: 's3cr3t: x' },
      [{ kind: 'Secret', name: 'other', valuesKey: 'token', targetPath: 'a' } as ValuesReference],
      { token: '{"s3cr3t":"***"}' },
    ],
  ])('%s', (_name, data, refs, expected) => {
    expect(maskSecretData('apps', 'creds', data, refs)).toEqual(expected);
  });

  it('refuses a referenced key that is not a map without quoting it', () => {
    expect(() => maskSecretData('apps', 'creds', { 'values.yaml': 's3cr3t: [' }, [secretRef()])).toThrow(
      /^could not resolve Secret chart values reference 'apps\/creds' with key 'values.yaml': the value is not a YAML map/,
    );
    try {
      maskSecretData('apps', 'creds', { 'values.yaml': 's3cr3t: [' }, [secretRef()]);
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cr3t');
    }
  });
});

describe('composeValues over masked Secrets', () => {
  const config = {
    data: { 'values.yaml': 'replicaCount: 2\nimage:\n  tag: 6.5.0\nauth:\n  token: from-config\n' },
  };
  const secret = { 'values.yaml': 'auth:\n  token: s3cr3t\ndb:\n  password: pw\n', token: 'tok3n' };
  const read = (refs: ValuesReference[]) => async (kind: 'ConfigMap' | 'Secret') =>
    kind === 'ConfigMap' ? config : { data: maskSecretData('apps', 'creds', secret, refs) };

  it.each<[string, ValuesReference[], Record<string, unknown> | undefined, Record<string, unknown>]>([
    [
      'a Secret merged over a ConfigMap masks what it overrides',
      [{ kind: 'ConfigMap', name: 'cfg' }, secretRef()],
      undefined,
      { replicaCount: 2, image: { tag: '6.5.0' }, auth: { token: MASK }, db: { password: MASK } },
    ],
    [
      'a ConfigMap merged over a Secret shows its own value',
      [secretRef(), { kind: 'ConfigMap', name: 'cfg' }],
      undefined,
      { replicaCount: 2, image: { tag: '6.5.0' }, auth: { token: 'from-config' }, db: { password: MASK } },
    ],
    [
      'inline values come last and are shown',
      [secretRef()],
      { db: { password: 'inline' } },
      { auth: { token: MASK }, db: { password: 'inline' } },
    ],
    [
      'a targetPath from a Secret overrides even inline values, masked',
      [secretRef({ valuesKey: 'token', targetPath: 'auth.token' })],
      { auth: { token: 'inline' } },
      { auth: { token: MASK } },
    ],
    [
      'a literal targetPath too',
      [secretRef({ valuesKey: 'token', targetPath: 'auth.token', literal: true })],
      undefined,
      { auth: { token: MASK } },
    ],
  ])('%s', async (_name, refs, inline, expected) => {
    const { values } = await composeValues('apps', inline, refs, read(refs));
    expect(values).toEqual(expected);
    expect(JSON.stringify(values)).not.toMatch(/s3cr3t|tok3n|"pw"/);
  });
});
