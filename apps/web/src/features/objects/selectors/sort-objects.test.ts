import type { FluxObjectSummary } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { sortObjects } from './sort-objects';

const row = (id: string): FluxObjectSummary => {
  const [kind, namespace, name] = id.split('/');
  return { id, kind, namespace, name } as FluxObjectSummary;
};

describe('sortObjects', () => {
  it('orders by kind, namespace, name without mutating its input', () => {
    const input = [
      'Kustomization/flux-system/b',
      'GitRepository/z/a',
      'Kustomization/apps/z',
      'Kustomization/flux-system/a',
    ].map(row);
    const copy = [...input];
    expect(sortObjects(input).map((r) => r.id)).toEqual([
      'GitRepository/z/a',
      'Kustomization/apps/z',
      'Kustomization/flux-system/a',
      'Kustomization/flux-system/b',
    ]);
    expect(input).toEqual(copy);
  });
});

describe('sortObjects by key', () => {
  const rows = [
    {
      id: 'Kustomization/b/x',
      kind: 'Kustomization',
      namespace: 'b',
      name: 'x',
      state: 'ready',
      lastTransition: '2026-01-01T00:02:00Z',
    },
    {
      id: 'GitRepository/a/y',
      kind: 'GitRepository',
      namespace: 'a',
      name: 'y',
      state: 'failed',
      lastTransition: '2026-01-01T00:01:00Z',
    },
    { id: 'Kustomization/a/z', kind: 'Kustomization', namespace: 'a', name: 'z', state: 'progressing' },
  ] as FluxObjectSummary[];
  it.each<[Parameters<typeof sortObjects>[1], boolean, string[]]>([
    ['kind', false, ['GitRepository/a/y', 'Kustomization/a/z', 'Kustomization/b/x']],
    ['kind', true, ['Kustomization/b/x', 'Kustomization/a/z', 'GitRepository/a/y']],
    ['name', false, ['GitRepository/a/y', 'Kustomization/a/z', 'Kustomization/b/x']],
    ['status', false, ['GitRepository/a/y', 'Kustomization/a/z', 'Kustomization/b/x']],
    ['updated', false, ['Kustomization/b/x', 'GitRepository/a/y', 'Kustomization/a/z']],
  ])('%s desc=%s', (key, desc, expected) =>
    expect(sortObjects(rows, key, desc).map((r) => r.id)).toEqual(expected),
  );
});
