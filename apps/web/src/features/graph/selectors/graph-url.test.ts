import { describe, expect, it } from 'vitest';
import {
  clickTarget,
  focusOn,
  graphQueryInput,
  graphSearch,
  parseGraphParams,
  toggleExpand,
  type GraphParams,
} from './graph-url';

const none: GraphParams = { namespaces: [], kinds: [], expand: [], allWorkloads: false };
const parse = (search: string): GraphParams => parseGraphParams(new URLSearchParams(search));

describe('parseGraphParams', () => {
  it.each<[string, GraphParams]>([
    ['', none],
    [
      '?focus=Kustomization/flux-system/apps&hops=3&ns=flux-system,apps&kind=Kustomization,GitRepository&budget=120&expand=Kustomization/flux-system/apps&workloads=all&explain=Kustomization/flux-system/apps',
      {
        focus: 'Kustomization/flux-system/apps',
        hops: 3,
        namespaces: ['flux-system', 'apps'],
        kinds: ['Kustomization', 'GitRepository'],
        budget: 120,
        expand: ['Kustomization/flux-system/apps'],
        allWorkloads: true,
        explain: 'Kustomization/flux-system/apps',
      },
    ],
    [
      '?focus=Pod/default/x&hops=11&ns=Bad_NS,ok&kind=Nope&budget=5&expand=a,Kustomization/a/b,Kustomization/a/b&explain=..%2F..&workloads=yes',
      { ...none, namespaces: ['ok'], expand: ['Kustomization/a/b'] },
    ],
    ['?hops=-1&budget=1.5', none],
    ['?hops=0', { ...none, hops: 0 }],
  ])('%s', (search, expected) => expect(parse(search)).toEqual(expected));
});

describe('graphSearch', () => {
  it('round-trips through the parser, keys in a stable order, slashes readable', () => {
    const params: GraphParams = {
      focus: 'Kustomization/team/podinfo',
      hops: 1,
      namespaces: ['team'],
      kinds: ['Kustomization', 'GitRepository'],
      budget: 30,
      expand: ['Kustomization/team/podinfo'],
      allWorkloads: true,
      explain: 'Kustomization/team/podinfo',
    };
    const search = graphSearch(params);
    expect(search).toBe(
      '?focus=Kustomization/team/podinfo&hops=1&ns=team&kind=Kustomization,GitRepository&budget=30&expand=Kustomization/team/podinfo&workloads=all&explain=Kustomization/team/podinfo',
    );
    expect(parse(search)).toEqual(params);
    expect(graphSearch(none)).toBe('');
  });
});

describe('graphQueryInput', () => {
  it('sends only what is set', () => {
    expect(graphQueryInput(none)).toEqual({});
    expect(graphQueryInput({ ...none, hops: 0, allWorkloads: true })).toEqual({ hops: 0, workloads: 'all' });
  });
});

describe('focusOn and toggleExpand', () => {
  it('focuses, explaining only what is not Ready, and drops an old explanation', () => {
    const explained = { ...none, explain: 'Kustomization/a/old' };
    expect(focusOn(explained, 'Kustomization/a/b', true)).toEqual({
      ...none,
      focus: 'Kustomization/a/b',
      explain: 'Kustomization/a/b',
    });
    expect(focusOn(explained, 'Kustomization/a/b', false)).toEqual({ ...none, focus: 'Kustomization/a/b' });
  });

  it('adds and removes an applier', () => {
    const once = toggleExpand(none, 'Kustomization/a/b');
    expect(once.expand).toEqual(['Kustomization/a/b']);
    expect(toggleExpand(once, 'Kustomization/a/b').expand).toEqual([]);
  });
});

describe('clickTarget', () => {
  const base = { ...none, kinds: ['GitRepository' as const], explain: 'Kustomization/a/old' };
  it.each<[string, Parameters<typeof clickTarget>[1], GraphParams]>([
    [
      'a failing object is focused and explained',
      { id: 'Kustomization/a/b', type: 'object', kind: 'Kustomization', namespace: 'a', state: 'failed' },
      { ...none, kinds: ['GitRepository'], focus: 'Kustomization/a/b', explain: 'Kustomization/a/b' },
    ],
    [
      'a ready object is focused',
      { id: 'Kustomization/a/b', type: 'object', kind: 'Kustomization', namespace: 'a', state: 'ready' },
      { ...none, kinds: ['GitRepository'], focus: 'Kustomization/a/b' },
    ],
    [
      'workloads focus their applier',
      {
        id: 'Kustomization/a/b#apps/Deployment',
        type: 'workloads',
        kind: 'Deployment',
        namespace: 'a',
        state: 'failed',
        applier: 'Kustomization/a/b',
      },
      { ...none, kinds: ['GitRepository'], focus: 'Kustomization/a/b' },
    ],
    [
      'a group narrows to its kind and namespace',
      {
        id: 'more:objects:Kustomization:a:',
        type: 'more',
        kind: 'Kustomization',
        namespace: 'a',
        state: 'ready',
      },
      { ...base, kinds: ['Kustomization'], namespaces: ['a'] },
    ],
  ])('%s', (_, node, expected) => expect(clickTarget(base, node)).toEqual(expected));
});
