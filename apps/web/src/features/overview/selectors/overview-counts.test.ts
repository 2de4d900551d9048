import type { FluxObjectSummary } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { overviewCounts } from './overview-counts';
import type { OverviewFilter } from './overview-filter';

const row = (id: string, state: FluxObjectSummary['state']): FluxObjectSummary => {
  const [kind, namespace, name] = id.split('/');
  return { id, kind, namespace, name, state } as FluxObjectSummary;
};
const ROWS = [
  row('Kustomization/flux-system/apps', 'failed'),
  row('Kustomization/flux-system/infra', 'ready'),
  row('GitRepository/flux-system/repo', 'ready'),
  row('GitRepository/team/web', 'progressing'),
  row('HelmRelease/team/podinfo', 'suspended'),
];

describe('overviewCounts', () => {
  it.each<[string, OverviewFilter, number, Record<string, number>, Record<string, number>]>([
    [
      'no filter',
      {},
      5,
      { failing: 1, ready: 2, progressing: 1, suspended: 1, unknown: 0 },
      { Kustomization: 2, GitRepository: 2, HelmRelease: 1 },
    ],
    [
      'a status filter narrows the kinds, not the status chips',
      { status: 'ready' },
      2,
      { failing: 1, ready: 2, progressing: 1, suspended: 1, unknown: 0 },
      { Kustomization: 1, GitRepository: 1 },
    ],
    [
      'a kind filter narrows the status chips, not the kinds',
      { kind: 'GitRepository' },
      2,
      { failing: 0, ready: 1, progressing: 1, suspended: 0, unknown: 0 },
      { Kustomization: 2, GitRepository: 2, HelmRelease: 1 },
    ],
    [
      'a name search narrows both',
      { q: 'TEAM/' },
      2,
      { failing: 0, ready: 0, progressing: 1, suspended: 1, unknown: 0 },
      { GitRepository: 1, HelmRelease: 1 },
    ],
  ])('%s', (_name, filter, shown, byStatus, byKind) => {
    const counts = overviewCounts(ROWS, filter);
    expect(counts.shown).toBe(shown);
    expect(counts.total).toBe(5);
    expect(counts.byStatus).toEqual(byStatus);
    expect(Object.fromEntries(counts.byKind)).toEqual(byKind);
  });
});
