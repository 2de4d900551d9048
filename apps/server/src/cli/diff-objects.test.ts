import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@tideline/core';
import { comparable, maskSecrets } from './diff-objects.js';

type Obj = KubeObject & Record<string, unknown>;
const secret = (data: Record<string, string>): Obj => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's', namespace: 'default' },
  data,
});

describe('maskSecrets', () => {
  it.each<[string, Obj | undefined, Obj, Record<string, string> | undefined, Record<string, string>]>([
    ['unchanged values', secret({ a: 'eA==' }), secret({ a: 'eA==' }), { a: '***' }, { a: '***' }],
    [
      'a changed value and a new key',
      secret({ a: 'eA==' }),
      secret({ a: 'eQ==', b: 'eg==' }),
      { a: '*** (before)' },
      { a: '*** (after)', b: '***' },
    ],
    ['a new Secret', undefined, secret({ a: 'eA==' }), undefined, { a: '***' }],
  ])('%s', (_what, live, merged, liveData, mergedData) => {
    const out = maskSecrets(live, merged);
    expect(out.live?.data).toEqual(liveData);
    expect(out.merged.data).toEqual(mergedData);
  });

  it('leaves other kinds alone', () => {
    const cm: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } };
    expect(maskSecrets(cm, cm).merged).toBe(cm);
  });
});

describe('comparable', () => {
  it('drops status and server bookkeeping, keeps labels and spec', () => {
    const obj = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'c',
        labels: { a: 'b' },
        uid: 'u',
        resourceVersion: '1',
        managedFields: [],
        generation: 2,
      },
      status: { x: 1 },
      data: { a: 'b' },
    } as unknown as Obj;
    expect(comparable(obj)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', labels: { a: 'b' } },
      data: { a: 'b' },
    });
  });
});
