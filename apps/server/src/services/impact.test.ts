import type { EdgeType } from '@tideline/core';
import { describe, expect, it } from 'vitest';
import { impactOf } from './impact.js';

const REPO = 'GitRepository/flux-system/flux-system';
const INFRA = 'Kustomization/flux-system/infra';
const APPS = 'Kustomization/flux-system/apps';
const WEB = 'Kustomization/team/web';
const edge = (from: string, to: string, type: EdgeType): { from: string; to: string; type: EdgeType } => ({
  from,
  to,
  type,
});
const EDGES = [
  edge(REPO, INFRA, 'source'),
  edge(REPO, APPS, 'source'),
  edge(INFRA, APPS, 'dependsOn'),
  edge(APPS, WEB, 'inventory'),
  // A cycle must not loop.
  edge(WEB, APPS, 'dependsOn'),
];
const INVENTORY = new Map([
  [INFRA, 4],
  [APPS, 12],
]);

describe('impactOf', () => {
  it.each<[string, string[], string[], number]>([
    ['a source holds back everything built from it', [REPO], [APPS, INFRA, WEB], 0],
    ['a dependency holds back its dependents and what they apply', [INFRA], [APPS, WEB], 4],
    ['a cycle back to an upstream object ends there', [WEB], [APPS], 0],
    ['several objects together, without counting each other', [INFRA, APPS], [WEB], 16],
    ['an object the graph does not know', ['Kustomization/x/y'], [], 0],
  ])('%s', (_name, ids, downstream, inventoryTotal) => {
    const impact = impactOf(ids, { edges: EDGES, inventory: INVENTORY });
    expect(impact.downstream).toEqual(downstream);
    expect(impact.inventoryTotal).toBe(inventoryTotal);
  });

  it('lists each object’s direct links and inventory', () => {
    expect(impactOf([REPO], { edges: EDGES, inventory: INVENTORY }).objects).toEqual([
      {
        id: REPO,
        inventory: 0,
        direct: [
          { id: APPS, type: 'source' },
          { id: INFRA, type: 'source' },
        ],
      },
    ]);
  });
});
