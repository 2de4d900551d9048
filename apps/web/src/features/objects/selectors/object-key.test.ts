import { describe, expect, it } from 'vitest';
import { isFluxKind } from './kind-config';
import { decodeSegment, objectHref, objectLabel, parseObjectId, toObjectKey } from './object-key';

describe('parseObjectId', () => {
  it.each([
    ['Kustomization/flux-system/apps', { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' }],
    ['GitRepository/default/my.repo', { kind: 'GitRepository', namespace: 'default', name: 'my.repo' }],
    ['HelmChart/flux-system/podinfo', { kind: 'HelmChart', namespace: 'flux-system', name: 'podinfo' }],
    ['Deployment/default/web', undefined],
    ['Kustomization/flux-system', undefined],
    ['Kustomization/flux-system/apps/extra', undefined],
    ['Kustomization/Flux/apps', undefined],
    ['Kustomization//apps', undefined],
    ['', undefined],
  ])('%s → %j', (id, expected) => {
    expect(parseObjectId(id)).toEqual(expected);
  });
});

describe('toObjectKey', () => {
  it.each([
    [['Kustomization', 'flux-system', 'apps'], true],
    [['constructor', 'flux-system', 'apps'], false],
    [['Kustomization', '../etc', 'apps'], false],
    [['Kustomization', 'ns', 'a'.repeat(254)], false],
  ] as const)('%j valid=%s', ([kind, ns, name], valid) => {
    expect(toObjectKey(kind, ns, name) !== undefined).toBe(valid);
  });
});

describe('objectHref and objectLabel', () => {
  it('builds encoded detail paths and accessible labels', () => {
    const key = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
    expect(objectHref(key)).toBe('/objects/Kustomization/flux-system/apps');
    expect(objectHref({ kind: 'K', namespace: 'a/b', name: 'c?d' })).toBe('/objects/K/a%2Fb/c%3Fd');
    expect(objectLabel(key)).toBe('Kustomization flux-system/apps');
  });
});

describe('isFluxKind', () => {
  it.each([
    ['GitRepository', true],
    ['Kustomization', true],
    ['HelmRelease', true],
    ['ImagePolicy', true],
    ['Bucket', false],
    ['toString', false],
    ['__proto__', false],
  ])('%s → %s', (kind, expected) => expect(isFluxKind(kind)).toBe(expected));
});

describe('decodeSegment', () => {
  it.each([
    ['flux-system', 'flux-system'],
    ['flux%2Dsystem', 'flux-system'],
    ['%E0%A4%A', '%E0%A4%A'],
  ])('%s → %s', (raw, expected) => expect(decodeSegment(raw)).toBe(expected));
});
