import { describe, expect, it } from 'vitest';
import { fieldDiff, maskSecretData, SECRET_MASK, VALUE_CHARS } from './field-diff.js';

describe('fieldDiff', () => {
  it.each([
    ['equal objects', { a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }, []],
    [
      'a scalar changed',
      { spec: { replicas: 2 } },
      { spec: { replicas: 4 } },
      [{ path: 'spec.replicas', type: 'changed', before: '2', after: '4' }],
    ],
    [
      'added and removed keys, in key order',
      { a: 1, c: 3 },
      { b: 2, c: 3 },
      [
        { path: 'a', type: 'removed', before: '1' },
        { path: 'b', type: 'added', after: '2' },
      ],
    ],
    [
      'a list item field',
      { c: [{ image: 'x:1' }, { image: 'y:1' }] },
      { c: [{ image: 'x:1' }, { image: 'y:2' }] },
      [{ path: 'c[1].image', type: 'changed', before: '"y:1"', after: '"y:2"' }],
    ],
    [
      'a list that grew is one change',
      { l: [1] },
      { l: [1, 2] },
      [{ path: 'l', type: 'changed', before: '[1]', after: '[1,2]' }],
    ],
    [
      'keys that are not identifiers',
      { metadata: { labels: { 'app.kubernetes.io/name': 'a' } } },
      { metadata: { labels: { 'app.kubernetes.io/name': 'b' } } },
      [{ path: 'metadata.labels["app.kubernetes.io/name"]', type: 'changed', before: '"a"', after: '"b"' }],
    ],
    [
      'a type change',
      { v: { x: 1 } },
      { v: 'x' },
      [{ path: 'v', type: 'changed', before: '{"x":1}', after: '"x"' }],
    ],
    ['whole values', 1, 2, [{ path: '.', type: 'changed', before: '1', after: '2' }]],
  ])('%s', (_name, before, after, expected) => expect(fieldDiff(before, after)).toEqual(expected));

  it('cuts long values and stops at the limit', () => {
    const [change] = fieldDiff({ v: 'a'.repeat(1000) }, { v: 'b' });
    expect(change?.before).toHaveLength(VALUE_CHARS + 1);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expect(fieldDiff({}, many, 10)).toHaveLength(10);
  });
});

describe('maskSecretData', () => {
  it.each([
    [
      'same, changed, removed and added keys',
      { data: { same: 'YQ==', changed: 'Yg==', gone: 'Yw==' } },
      { data: { same: 'YQ==', changed: 'ZA==', added: 'ZQ==' } },
      { data: { same: SECRET_MASK.same, changed: SECRET_MASK.before, gone: SECRET_MASK.same } },
      { data: { same: SECRET_MASK.same, changed: SECRET_MASK.after, added: SECRET_MASK.same } },
    ],
    [
      'a new Secret',
      undefined,
      { stringData: { token: 'hunter2' } },
      undefined,
      { stringData: { token: SECRET_MASK.same } },
    ],
    ['no data', { data: undefined }, {}, { data: undefined }, {}],
  ])('%s', (_name, live, desired, maskedLive, maskedDesired) => {
    const [a, b] = maskSecretData<Record<string, unknown> | undefined>(live, desired);
    expect(a).toEqual(maskedLive);
    expect(b).toEqual(maskedDesired);
    expect(JSON.stringify([a, b])).not.toMatch(/YQ==|Yg==|ZA==|hunter2/);
  });

  it('shows which keys changed, never their values', () => {
    const [a, b] = maskSecretData({ data: { password: 'b2xk' } }, { data: { password: 'bmV3' } });
    expect(fieldDiff(a, b)).toEqual([
      { path: 'data.password', type: 'changed', before: '"*** (before)"', after: '"*** (after)"' },
    ]);
  });
});
