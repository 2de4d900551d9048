import { describe, expect, it } from 'vitest';
import type { GraphInput } from './model.js';
import { buildGraphView, clampBudget } from './view.js';

const ready = { conditions: [{ type: 'Ready', status: 'True', reason: 'Succeeded', message: 'ok' }] };
const at = (i: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
const repo: GraphInput = {
  kind: 'GitRepository',
  metadata: { name: 'bench', namespace: 'flux-system', creationTimestamp: at(0) },
  status: ready,
};
const app = (i: number, failed = false): GraphInput => ({
  kind: 'Kustomization',
  metadata: { name: `app-${i}`, namespace: 'flux-system', creationTimestamp: at(i + 1) },
  spec: { sourceRef: { kind: 'GitRepository', name: 'bench' } },
  status: {
    conditions: [
      failed
        ? { type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'boom' }
        : { type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: 'Applied' },
    ],
    inventory: {
      entries: [
        { id: `apps_app-${i}_apps_Deployment`, v: 'v1' },
        { id: `apps_app-${i}__Service`, v: 'v1' },
      ],
    },
  },
});
const objects = [repo, ...Array.from({ length: 1000 }, (_, i) => app(i, i === 777))];

describe('buildGraphView', () => {
  it('draws a thousand Kustomizations within the budget, the failing one among them', () => {
    const view = buildGraphView(objects);
    expect(view.nodes).toHaveLength(50);
    expect(view.objects).toBe(1001);
    expect(view.hidden).toBe(1001 - 49);
    expect(view.nodes[0]?.id).toBe('Kustomization/flux-system/app-777');
    expect(view.nodes.find((n) => n.type === 'more')).toMatchObject({ count: 952, states: { ready: 952 } });
  });

  it('narrows to a focus, drawing its workloads with their health', () => {
    const view = buildGraphView(objects, {
      focus: 'Kustomization/flux-system/app-5',
      hops: 1,
      health: (id) => (id === 'Deployment/apps/app-5' ? { status: 'Failed', message: 'crash' } : undefined),
    });
    expect(view.nodes.map((n) => [n.id, n.state])).toEqual([
      ['GitRepository/flux-system/bench', 'ready'],
      ['Kustomization/flux-system/app-5', 'ready'],
      ['Kustomization/flux-system/app-5#/Service', 'unknown'],
      ['Kustomization/flux-system/app-5#apps/Deployment', 'failed'],
    ]);
    expect(view.objects).toBe(2);
    expect(view.edges).toHaveLength(3);
  });

  it('expands every applier on request, and pins nodes beyond the budget', () => {
    const few = objects.slice(0, 4);
    expect(buildGraphView(few, { expand: 'all' }).nodes).toHaveLength(4 + 3 * 2);
    const pinned = buildGraphView(objects, { budget: 10, pinned: ['Kustomization/flux-system/app-999'] });
    expect(pinned.nodes.map((n) => n.id)).toContain('Kustomization/flux-system/app-999');
    expect(pinned.nodes).toHaveLength(10);
  });

  it.each([
    [undefined, 50],
    [Number.NaN, 50],
    [3, 10],
    [75.4, 75],
    [1e9, 2000],
  ])('clamps a budget of %s to %s', (asked, budget) => expect(clampBudget(asked)).toBe(budget));
});
