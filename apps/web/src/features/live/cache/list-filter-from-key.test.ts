import { describe, expect, it } from 'vitest';
import { listFilterFromKey } from './list-filter-from-key';

describe('listFilterFromKey', () => {
  it.each([
    [[['objects', 'list'], { type: 'query' }], {}],
    [[['objects', 'list'], { input: {}, type: 'query' }], {}],
    [[['objects', 'list'], { input: { kind: 'Kustomization' }, type: 'query' }], { kind: 'Kustomization' }],
    [
      [['objects', 'list'], { input: { namespace: 'apps', kind: 'GitRepository' }, type: 'query' }],
      { kind: 'GitRepository', namespace: 'apps' },
    ],
    [[['objects', 'list'], { input: { kind: 42 }, type: 'query' }], {}],
    [[['objects', 'list']], {}],
    [[['objects', 'list'], null], {}],
  ])('%j → %j', (key, expected) => expect(listFilterFromKey(key)).toEqual(expected));
});
