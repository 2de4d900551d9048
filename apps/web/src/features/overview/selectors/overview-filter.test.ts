import type { FluxObjectSummary } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import {
  applyOverviewFilter,
  namespaceOptions,
  overviewFilterSearch,
  parseOverviewFilter,
  type OverviewFilter,
} from './overview-filter';

describe('parseOverviewFilter', () => {
  it.each([
    ['', {}],
    ['?kind=Kustomization', { kind: 'Kustomization' }],
    ['?namespace=flux-system', { namespace: 'flux-system' }],
    ['?kind=GitRepository&namespace=apps', { kind: 'GitRepository', namespace: 'apps' }],
    ['?kind=ImagePolicy', { kind: 'ImagePolicy' }],
    ['?kind=Bucket', {}],
    ['?kind=HelmRelease', { kind: 'HelmRelease' }],
    ['?kind=kustomization', {}],
    ['?namespace=Bad_NS', {}],
    ['?namespace=', {}],
    ['?kind=__proto__&namespace=x', { namespace: 'x' }],
    [
      '?status=failing&q=apps&sort=status&dir=desc',
      { status: 'failing', q: 'apps', sort: 'status', desc: true },
    ],
    ['?status=broken&sort=size&dir=up', {}],
    ['?sort=kind', {}],
    ['?q=%20%20', {}],
  ])('%s → %j', (search, expected) => {
    expect(parseOverviewFilter(new URLSearchParams(search))).toEqual(expected);
  });
});

describe('overviewFilterSearch', () => {
  it.each([
    [{}, ''],
    [{ kind: 'Kustomization' }, '?kind=Kustomization'],
    [{ namespace: 'flux-system', kind: 'GitRepository' }, '?kind=GitRepository&namespace=flux-system'],
  ] as [OverviewFilter, string][])('%j → %s', (filter, expected) => {
    expect(overviewFilterSearch(filter)).toBe(expected);
  });

  it('round-trips through the parser', () => {
    const filter: OverviewFilter = { kind: 'Kustomization', namespace: 'team-a' };
    expect(parseOverviewFilter(new URLSearchParams(overviewFilterSearch(filter)))).toEqual(filter);
  });
});

const row = (kind: 'GitRepository' | 'Kustomization', namespace: string, name: string): FluxObjectSummary =>
  ({ id: `${kind}/${namespace}/${name}`, kind, namespace, name }) as FluxObjectSummary;

describe('applyOverviewFilter and namespaceOptions', () => {
  const rows = [
    row('GitRepository', 'flux-system', 'a'),
    row('Kustomization', 'flux-system', 'b'),
    row('Kustomization', 'apps', 'c'),
  ];

  it.each([
    [{}, ['a', 'b', 'c']],
    [{ kind: 'Kustomization' }, ['b', 'c']],
    [{ namespace: 'flux-system' }, ['a', 'b']],
    [{ kind: 'GitRepository', namespace: 'apps' }, []],
  ] as [OverviewFilter, string[]][])('%j keeps %j', (filter, names) => {
    expect(applyOverviewFilter(rows, filter).map((r) => r.name)).toEqual(names);
  });

  it('lists distinct sorted namespaces and keeps a selected one that has no rows', () => {
    expect(namespaceOptions(rows)).toEqual(['apps', 'flux-system']);
    expect(namespaceOptions(rows, 'zeta')).toEqual(['apps', 'flux-system', 'zeta']);
  });
});
