import { describe, expect, it } from 'vitest';
import { applyBudget, rankNodes } from './budget.js';
import type { NodeState } from './state-palette.js';
import type { ViewEdge, ViewNode } from './view-model.js';

const ks = (i: number, state: NodeState = 'ready'): ViewNode => ({
  id: `Kustomization/flux-system/app-${i}`,
  type: 'object',
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: `app-${i}`,
  state,
  count: 1,
  order: 1000 + i,
});
const repo: ViewNode = {
  ...ks(0),
  id: 'GitRepository/flux-system/bench',
  kind: 'GitRepository',
  name: 'bench',
  order: 1,
};

/** The MTTP shape: one source, n Kustomizations. */
function mttp(n: number, states: Record<number, NodeState> = {}): { nodes: ViewNode[]; edges: ViewEdge[] } {
  const apps = Array.from({ length: n }, (_, i) => ks(i, states[i]));
  return { nodes: [repo, ...apps], edges: apps.map((a) => ({ from: repo.id, to: a.id, type: 'source' })) };
}

describe('rankNodes', () => {
  it('puts pinned, then failed, then suspended first, then the oldest', () => {
    const ranked = rankNodes(
      [ks(1), ks(2, 'suspended'), ks(3, 'failed'), ks(4), ks(5, 'progressing'), repo],
      new Set(['Kustomization/flux-system/app-4']),
    );
    expect(ranked.map((n) => n.name)).toEqual(['app-4', 'app-3', 'app-2', 'bench', 'app-1', 'app-5']);
  });
});

describe('applyBudget', () => {
  it('leaves a graph within budget as it is', () => {
    const graph = mttp(5);
    expect(applyBudget(graph, 10)).toEqual({ ...graph, hidden: 0 });
  });

  it('draws a thousand Kustomizations of one source as the budget and one "N more" group', () => {
    const drawn = applyBudget(mttp(1000), 60);
    expect(drawn.nodes).toHaveLength(60);
    expect(drawn.hidden).toBe(1000 - 58);
    const more = drawn.nodes.find((n) => n.type === 'more');
    expect(more).toMatchObject({
      id: 'more:objects:Kustomization:flux-system:GitRepository/flux-system/bench',
      kind: 'Kustomization',
      namespace: 'flux-system',
      count: 942,
      states: { ready: 942 },
      state: 'ready',
      order: 1000 + 58,
    });
    expect(drawn.edges).toHaveLength(59);
    expect(drawn.edges).toContainEqual({ from: repo.id, to: more?.id, type: 'source' });
  });

  it('draws failing objects first, wherever they are in the list', () => {
    const drawn = applyBudget(mttp(1000, { 999: 'failed', 500: 'suspended' }), 20);
    const names = drawn.nodes.map((n) => n.name);
    expect(names.slice(0, 2)).toEqual(['app-999', 'app-500']);
    expect(drawn.nodes.find((n) => n.type === 'more')?.states).toEqual({ ready: 1000 - 18 });
  });

  it('keeps the drawn set when an object becomes ready, and when a new one arrives', () => {
    const before = applyBudget(mttp(100, { 3: 'progressing' }), 20).nodes.map((n) => n.id);
    const after = applyBudget(mttp(101), 20).nodes.map((n) => n.id);
    expect(after).toEqual(before);
  });

  it('draws pinned nodes beyond the budget', () => {
    const pinned = new Set(Array.from({ length: 30 }, (_, i) => `Kustomization/flux-system/app-${i + 500}`));
    const drawn = applyBudget(mttp(1000), 20, pinned);
    expect(drawn.nodes.filter((n) => pinned.has(n.id))).toHaveLength(30);
    expect(drawn.nodes.length).toBeLessThanOrEqual(32);
  });

  it("groups an applier's hidden workloads into one node, adding up their counts and states", () => {
    const applier = ks(1);
    const workloads = (kind: string, count: number, state: NodeState): ViewNode => ({
      id: `${applier.id}#apps/${kind}`,
      type: 'workloads',
      kind,
      namespace: 'flux-system',
      name: '',
      state,
      count,
      states: { [state]: count },
      applier: applier.id,
      order: applier.order,
    });
    const nodes = [
      applier,
      workloads('Deployment', 3, 'failed'),
      workloads('StatefulSet', 2, 'ready'),
      workloads('Service', 1, 'progressing'),
      ks(2),
    ];
    const edges: ViewEdge[] = nodes
      .slice(1, 4)
      .map((n) => ({ from: applier.id, to: n.id, type: 'inventory' }));
    const drawn = applyBudget({ nodes, edges }, 4);
    expect(drawn.nodes.map((n) => n.id)).toEqual([
      `${applier.id}#apps/Deployment`,
      applier.id,
      `more:workloads:${applier.id}`,
      'more:objects:Kustomization:flux-system:',
    ]);
    expect(drawn.nodes[2]).toMatchObject({
      kind: 'objects',
      count: 3,
      states: { ready: 2, progressing: 1 },
      state: 'progressing',
      applier: applier.id,
    });
    expect(drawn.edges).toEqual([
      { from: applier.id, to: `${applier.id}#apps/Deployment`, type: 'inventory' },
      { from: applier.id, to: `more:workloads:${applier.id}`, type: 'inventory' },
    ]);
  });
});
