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
