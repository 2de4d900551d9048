import type { GraphNodeDto } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { edgeRows, groupListHref, stateCounts } from './graph-rows';

const node = (id: string, label = id.split('/').join(' ')): GraphNodeDto => {
  const [kind = '', namespace = '', name = ''] = id.split('/');
  return { id, type: 'object', kind, namespace, name, state: 'ready', label, mermaidId: 'n1', count: 1 };
};

describe('edgeRows', () => {
  it('names both ends by their labels and drops dangling edges', () => {
    const nodes = [
      node('GitRepository/flux-system/flux-system', 'GitRepository flux-system/flux-system'),
      node('Kustomization/flux-system/flux-system', 'Kustomization flux-system/flux-system'),
      node('more:objects:Kustomization:flux-system:x', 'Kustomization ×9 more in flux-system'),
    ];
    const rows = edgeRows({
      nodes,
      edges: [
        { from: nodes[0]?.id ?? '', to: nodes[1]?.id ?? '', type: 'source' },
        { from: nodes[1]?.id ?? '', to: nodes[2]?.id ?? '', type: 'inventory' },
        { from: nodes[1]?.id ?? '', to: 'Kustomization/flux-system/missing', type: 'dependsOn' },
      ],
    });
    expect(rows.map(({ text, type }) => ({ text, type }))).toEqual([
      {
        text: 'GitRepository flux-system/flux-system → Kustomization flux-system/flux-system',
        type: 'source',
      },
      {
        text: 'Kustomization flux-system/flux-system → Kustomization ×9 more in flux-system',
        type: 'inventory',
      },
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });
});

describe('stateCounts', () => {
  it.each([
    [{ ready: 940, failed: 2 }, '2 failed, 940 ready'],
    [{ progressing: 1, unknown: 3, suspended: 1 }, '1 progressing, 1 suspended, 3 unknown'],
    [undefined, ''],
  ])('%j → %s', (states, text) => expect(stateCounts(states)).toBe(text));
});

describe('groupListHref', () => {
  it.each([
    [{ kind: 'Kustomization', namespace: 'flux-system' }, '/?kind=Kustomization&namespace=flux-system'],
    [{ kind: 'Kustomization', namespace: '' }, '/?kind=Kustomization'],
  ])('%j → %s', (n, href) => expect(groupListHref(n)).toBe(href));
});
