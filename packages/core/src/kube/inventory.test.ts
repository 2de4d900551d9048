import { describe, expect, it } from 'vitest';
import { entryOf, inventoryId, parseInventoryEntry, staleEntries } from './inventory.js';

describe('inventory', () => {
  it.each([
    [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'podinfo', namespace: 'default' } },
      'default_podinfo__Service',
      'v1',
    ],
    [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'podinfo', namespace: 'default' } },
      'default_podinfo_apps_Deployment',
      'v1',
    ],
    [
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'my-crd.example.com' },
      },
      '_my-crd.example.com_apiextensions.k8s.io_CustomResourceDefinition',
      'v1',
    ],
    [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'system:flux:view' },
      },
      '_system__flux__view_rbac.authorization.k8s.io_ClusterRole',
      'v1',
    ],
    [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my_ns' } }, '_my_ns__Namespace', 'v1'],
  ])('writes %j as %s', (obj, id, v) => expect(entryOf(obj)).toEqual({ id, v }));

  it('parses names containing underscores from the right', () => {
    expect(parseInventoryEntry({ id: 'apps_my_app_apps_Deployment', v: 'v1' })).toEqual({
      namespace: 'apps',
      name: 'my_app',
      group: 'apps',
      kind: 'Deployment',
      version: 'v1',
    });
    expect(
      parseInventoryEntry({ id: '_system__flux__view_rbac.authorization.k8s.io_ClusterRole', v: 'v1' }).name,
    ).toBe('system:flux:view');
    expect(parseInventoryEntry({ id: 'default_podinfo__Service', v: 'v1' })).toMatchObject({
      group: '',
      kind: 'Service',
    });
  });

  it('round-trips', () => {
    const id = { namespace: 'default', name: 'a_b', group: 'apps', kind: 'Deployment' };
    expect(parseInventoryEntry({ id: inventoryId(id), v: 'v1' })).toEqual({ ...id, version: 'v1' });
  });

  it('finds stale entries by id regardless of version', () => {
    const prev = [
      { id: 'default_a__ConfigMap', v: 'v1' },
      { id: 'default_b__ConfigMap', v: 'v1' },
    ];
    expect(staleEntries(prev, [{ id: 'default_a__ConfigMap', v: 'v1' }])).toEqual([
      { id: 'default_b__ConfigMap', v: 'v1' },
    ]);
  });
});
