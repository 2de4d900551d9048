import type { GraphNodeDto, ReadyState, RootCauseDto } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { drawingPlan, nodeTitle, pathRoles } from './drawing-plan';

const node = (id: string, state: ReadyState, extra: Partial<GraphNodeDto> = {}): GraphNodeDto => {
  const [kind = '', namespace = '', name = ''] = id.split('/');
  return {
    id,
    type: 'object',
    kind,
    namespace,
    name,
    state,
    label: `${kind} ${namespace}/${name}`,
    mermaidId: `n${name.replace(/[^a-z0-9]/g, '')}`,
    count: 1,
    ...extra,
  };
};
const link = (
  id: string,
  relation: RootCauseDto['chain'][number]['relation'],
): RootCauseDto['chain'][number] => {
  const [kind = '', namespace = '', name = ''] = id.split('/');
  return {
    id,
    kind,
    namespace,
    name,
    relation,
    nodeId: id,
    state: 'failed',
    status: 'False',
    reason: 'X',
    message: 'y',
  };
};
const web = node('Kustomization/flux-system/web', 'failed', {
  reason: 'DependencyNotReady',
  message: "dependency 'flux-system/infra' is not ready",
});
const infra = node('Kustomization/flux-system/infra', 'failed');
const apps = node('GitRepository/flux-system/apps', 'failed');
const auto = node('ImageUpdateAutomation/flux-system/auto', 'ready');
const explanation: RootCauseDto = {
  target: web.id,
  ready: false,
  chain: [link(web.id, 'self'), link(infra.id, 'dependsOn'), link(apps.id, 'source')],
  cause: link(apps.id, 'source'),
  automation: {
    id: auto.id,
    kind: 'ImageUpdateAutomation',
    namespace: 'flux-system',
    name: 'auto',
    commit: 'abc1234',
    source: apps.id,
  },
  summary: 'Not Ready because GitRepository flux-system/apps: y',
};

describe('nodeTitle', () => {
  it.each<[GraphNodeDto, string]>([
    [
      web,
      "Kustomization flux-system/web — Failed — DependencyNotReady: dependency 'flux-system/infra' is not ready",
    ],
    [node('GitRepository/a/b', 'ready'), 'GitRepository a/b — Ready'],
    [
      {
        ...node('x/y/z', 'failed'),
        type: 'more',
        label: 'Kustomization ×3 more in y',
        states: { failed: 1, ready: 2 },
      },
      'Kustomization ×3 more in y — Failed (1 failed, 2 ready)',
    ],
  ])('%#', (n, title) => expect(nodeTitle(n)).toBe(title));
});

describe('pathRoles', () => {
  it('marks the target, the links, the cause and the automation', () => {
    expect([...pathRoles(explanation)]).toEqual([
      [web.id, 'target'],
      [infra.id, 'link'],
      [apps.id, 'cause'],
      [auto.id, 'automation'],
    ]);
    expect(pathRoles({ ...explanation, chain: [link(web.id, 'self')], automation: undefined })).toEqual(
      new Map([[web.id, 'cause']]),
    );
    expect(pathRoles({ ...explanation, ready: true }).size).toBe(0);
  });
});

describe('drawingPlan', () => {
  it('states every node, pulses what changed, and lists the path edges both ways', () => {
    const plan = drawingPlan(
      [web, infra, apps, auto],
      explanation,
      new Map<string, ReadyState>([
        [web.id, 'failed'],
        [infra.id, 'ready'],
      ]),
    );
    expect(plan.nodes.map((n) => [n.mermaidId, n.state, n.path])).toEqual([
      ['nweb', 'failed', 'target'],
      ['ninfra', 'failed', 'link'],
      ['napps', 'failed', 'cause'],
      ['nauto', 'ready', 'automation'],
    ]);
    expect(plan.pulse).toEqual(['ninfra']);
    expect(plan.pathEdges).toEqual([
      'ninfra>nweb',
      'nweb>ninfra',
      'napps>ninfra',
      'ninfra>napps',
      'nauto>napps',
    ]);
  });

  it('skips links the graph does not draw', () => {
    const plan = drawingPlan([web, apps], explanation, new Map());
    expect(plan.pathEdges).toEqual([]);
    expect(plan.pulse).toEqual([]);
  });
});
