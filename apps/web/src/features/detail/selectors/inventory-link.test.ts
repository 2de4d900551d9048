import { describe, expect, it } from 'vitest';
import { inventoryItemHref } from './inventory-link';

describe('inventoryItemHref', () => {
  it.each([
    [
      { group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
      '/objects/Kustomization/flux-system/apps',
    ],
    [
      { group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo' },
      '/objects/GitRepository/flux-system/podinfo',
    ],
    [
      { group: 'image.toolkit.fluxcd.io', kind: 'ImagePolicy', namespace: 'default', name: 'x' },
      '/objects/ImagePolicy/default/x',
    ],
    [{ group: 'source.toolkit.fluxcd.io', kind: 'Bucket', namespace: 'default', name: 'x' }, undefined],
    [
      { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', namespace: 'default', name: 'x' },
      '/objects/HelmRelease/default/x',
    ],
    [{ group: 'apps', kind: 'Deployment', namespace: 'default', name: 'web' }, undefined],
    [{ group: '', kind: 'ConfigMap', namespace: 'default', name: 'cm' }, undefined],
    [
      { group: 'evil.toolkit.fluxcd.io.example.com', kind: 'Kustomization', namespace: 'a', name: 'b' },
      undefined,
    ],
    [
      { group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', namespace: '', name: 'cluster-scoped' },
      undefined,
    ],
  ])('%j → %s', (item, expected) => expect(inventoryItemHref(item)).toBe(expected));
});
