import { describe, expect, it } from 'vitest';
import { objectText, printTree, treeDocument, type ObjectTree, type TreeObject } from './object-tree.js';

const o = (kind: string, namespace: string, name: string, group = ''): TreeObject => ({
  kind,
  group,
  namespace,
  name,
});
const leaf = (object: TreeObject): ObjectTree => ({ object, items: [] });

describe('objectText', () => {
  it.each<[TreeObject, string]>([
    [o('Deployment', 'apps', 'web', 'apps'), 'Deployment/apps/web'],
    [o('Namespace', '', 'apps'), 'Namespace/apps'],
  ])('%j', (object, text) => expect(objectText(object)).toBe(text));
});

describe('printTree', () => {
  it('draws flux tree’s golden (nested Kustomization, last items, cluster-scoped names)', () => {
    const tree: ObjectTree = {
      object: o('Kustomization', 'flux-system', 'flux-system'),
      items: [
        leaf(o('Namespace', '', 'flux-system')),
        leaf(o('Deployment', 'flux-system', 'helm-controller', 'apps')),
        {
          object: o('Kustomization', 'flux-system', 'infrastructure'),
          items: [
            leaf(o('Namespace', '', 'cert-manager')),
            {
              object: o('HelmRelease', 'cert-manager', 'cert-manager'),
              items: [leaf(o('Service', 'cert-manager', 'webhook'))],
            },
          ],
        },
        leaf(o('GitRepository', 'flux-system', 'flux-system')),
      ],
    };
    expect(printTree(tree)).toBe(
      [
        'Kustomization/flux-system/flux-system',
        '├── Namespace/flux-system',
        '├── Deployment/flux-system/helm-controller',
        '├── Kustomization/flux-system/infrastructure',
        '│   ├── Namespace/cert-manager',
        '│   └── HelmRelease/cert-manager/cert-manager',
        '│       └── Service/cert-manager/webhook',
        '└── GitRepository/flux-system/flux-system',
        '',
      ].join('\n'),
    );
  });

  it('prints a tree without items as its root alone', () => {
    expect(printTree(leaf(o('Kustomization', 'ns', 'empty')))).toBe('Kustomization/ns/empty\n');
  });

  it('documents the tree for -o json|yaml', () => {
    expect(
      treeDocument({ object: o('Kustomization', 'ns', 'a'), items: [leaf(o('Namespace', '', 'x'))] }),
    ).toEqual({
      resource: { Namespace: 'ns', Name: 'a', GroupKind: { Group: '', Kind: 'Kustomization' } },
      resources: [{ resource: { Namespace: '', Name: 'x', GroupKind: { Group: '', Kind: 'Namespace' } } }],
    });
  });
});
