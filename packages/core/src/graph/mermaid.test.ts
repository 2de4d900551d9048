import { describe, expect, it } from 'vitest';
import { escapeMermaidLabel, labelLines, mermaidIds, toMermaid } from './mermaid.js';
import type { ViewNode } from './view-model.js';

const node = (id: string, order = 0, extra: Partial<ViewNode> = {}): ViewNode => {
  const [kind = '', namespace = '', name = ''] = id.split('/');
  return { id, type: 'object', kind, namespace, name, state: 'ready', count: 1, order, ...extra };
};

describe('mermaidIds', () => {
  it('gives each node id the same Mermaid id whatever else is in the graph', () => {
    const alone = mermaidIds(['Kustomization/flux-system/apps']);
    const among = mermaidIds(['GitRepository/a/b', 'Kustomization/flux-system/apps', 'Kustomization/z/z']);
    expect(among.get('Kustomization/flux-system/apps')).toBe(alone.get('Kustomization/flux-system/apps'));
    expect(alone.get('Kustomization/flux-system/apps')).toMatch(/^n[0-9a-z]+$/);
  });

  it('keeps ids unique among many nodes', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `Kustomization/flux-system/app-${i}`);
    expect(new Set(mermaidIds(ids).values()).size).toBe(5000);
  });
});

describe('labelLines', () => {
  it.each<[Partial<ViewNode>, string[]]>([
    [{}, ['Kustomization', 'flux-system/apps']],
    [{ type: 'workloads', kind: 'Deployment', count: 3 }, ['Deployment ×3']],
    [{ type: 'more', count: 940, name: '' }, ['Kustomization ×940 more', 'flux-system']],
    [{ type: 'more', count: 2, namespace: '' }, ['Kustomization ×2 more', 'several namespaces']],
  ])('%j → %j', (extra, lines) =>
    expect(labelLines(node('Kustomization/flux-system/apps', 0, extra))).toEqual(lines),
  );
});

describe('toMermaid', () => {
  const a = node('GitRepository/flux-system/apps', 1);
  const b = node('Kustomization/flux-system/apps', 2);
  const c = node('Kustomization/flux-system/zz-new', 3);
  const more: ViewNode = {
    ...node('Kustomization/flux-system/', 2),
    id: 'more:objects:Kustomization:flux-system:x',
    type: 'more',
    count: 9,
  };

  it('draws oldest first, quotes labels, marks types and arrows per edge type, and carries no state', () => {
    const ids = mermaidIds([a.id, b.id, more.id]);
    const text = toMermaid({
      nodes: [more, b, a],
      edges: [
        { from: a.id, to: more.id, type: 'source' },
        { from: a.id, to: b.id, type: 'source' },
        { from: b.id, to: more.id, type: 'dependsOn' },
      ],
    });
    expect(text.split('\n')).toEqual([
      'flowchart LR',
      `  ${ids.get(a.id)}["GitRepository<br/>flux-system/apps"]:::object`,
      `  ${ids.get(b.id)}["Kustomization<br/>flux-system/apps"]:::object`,
      `  ${ids.get(more.id)}["Kustomization ×9 more<br/>flux-system"]:::more`,
      `  ${ids.get(a.id)} --> ${ids.get(b.id)}`,
      `  ${ids.get(a.id)} --> ${ids.get(more.id)}`,
      `  ${ids.get(b.id)} -.-> ${ids.get(more.id)}`,
      '',
    ]);
    expect(text).not.toMatch(/ready|failed|classDef/);
  });

  it('adds a new object after the others, leaving their lines as they were', () => {
    const before = toMermaid({ nodes: [a, b], edges: [{ from: a.id, to: b.id, type: 'source' }] });
    const after = toMermaid({
      nodes: [c, a, b],
      edges: [
        { from: a.id, to: b.id, type: 'source' },
        { from: a.id, to: c.id, type: 'source' },
      ],
    });
    const [, ...beforeNodes] = before.split('\n').slice(0, 3);
    expect(after.split('\n').slice(1, 3)).toEqual(beforeNodes);
    expect(after.split('\n')[3]).toContain('flux-system/zz-new');
  });

  it('draws "N more" groups after every object, however old their members', () => {
    const text = toMermaid({ nodes: [c, { ...more, order: 0 }, a], edges: [] });
    expect(text.split('\n').map((l) => l.split('[')[0]?.trim())).toEqual([
      'flowchart LR',
      ...[a.id, c.id, more.id].map((id) => mermaidIds([a.id, c.id, more.id]).get(id)),
      '',
    ]);
  });

  it('is the same text for the same structure in another state', () => {
    const edges = [{ from: a.id, to: b.id, type: 'source' as const }];
    expect(toMermaid({ nodes: [a, { ...b, state: 'failed' }], edges })).toBe(
      toMermaid({ nodes: [a, b], edges }),
    );
  });
});

describe('escapeMermaidLabel', () => {
  it('escapes labels that try to break out of the Mermaid syntax', () => {
    const evil = '"]; click n0 call alert(1); x["<img src=x onerror=alert(1)>';
    const label = escapeMermaidLabel(evil);
    expect(label).not.toMatch(/["<>[\](){}|]/);
    const text = toMermaid({ nodes: [node(`K/ns/${evil}`)], edges: [] });
    expect(text.split('\n').filter((l) => l.includes('click'))).toHaveLength(1);
    expect(text).not.toContain('<img');
    expect(text.split('\n')).toHaveLength(3);
  });

  it.each([
    ['Deployment ×3', 'Deployment ×3'],
    ['flux-system/apps-1.2', 'flux-system/apps-1.2'],
    ['a&b', 'a#38;b'],
    ['a#215;b', 'a#35;215#59;b'],
  ])('writes %j as %j', (text, escaped) => expect(escapeMermaidLabel(text)).toBe(escaped));
});
