import type { GraphNodeDto } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { edgeRows } from './graph-rows';

const node = (id: string): GraphNodeDto => {
  const [kind = '', namespace = '', name = ''] = id.split('/');
  return { id, kind, namespace, name, state: 'ready', label: id };
};

describe('edgeRows', () => {
  it('names both ends, keeps kinds apart and drops dangling edges', () => {
    const nodes = [
      'GitRepository/flux-system/flux-system',
      'Kustomization/flux-system/flux-system',
      'Kustomization/flux-system/apps',
    ].map(node);
    const rows = edgeRows({
      nodes,
      edges: [
        {
          from: 'GitRepository/flux-system/flux-system',
          to: 'Kustomization/flux-system/flux-system',
          type: 'source',
        },
        {
          from: 'Kustomization/flux-system/flux-system',
          to: 'Kustomization/flux-system/apps',
          type: 'inventory',
        },
        {
          from: 'Kustomization/flux-system/flux-system',
          to: 'Kustomization/flux-system/missing',
          type: 'dependsOn',
        },
      ],
    });
    expect(rows.map(({ text, kinds, type }) => ({ text, kinds, type }))).toEqual([
      {
        text: 'flux-system/flux-system → flux-system/flux-system',
        kinds: 'GitRepository → Kustomization',
        type: 'source',
      },
      {
        text: 'flux-system/flux-system → flux-system/apps',
        kinds: 'Kustomization → Kustomization',
        type: 'inventory',
      },
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });
});
