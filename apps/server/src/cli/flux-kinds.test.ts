import { describe, expect, it } from 'vitest';
import { ALL_KINDS, HELM_CHART, parseKindWords } from './flux-kinds.js';
import { rowsFor } from './get-command.js';

describe('CLI kinds', () => {
  it.each([
    [['sources', 'chart'], 'HelmChart'],
    [['source', 'chart', 'podinfo'], 'HelmChart'],
    [['source', 'helm'], 'HelmRepository'],
    [['ks'], 'Kustomization'],
  ])('%j names %s', (words, kind) => {
    expect(parseKindWords(words)?.kind.kind).toBe(kind);
  });

  it('lists HelmCharts after HelmRepositories, as flux get all does', () => {
    expect(ALL_KINDS.map((k) => k.kind)).toEqual(['GitRepository', 'HelmRepository', 'HelmChart', 'Kustomization']);
  });

  it('prints a HelmChart row as flux get sources chart does', () => {
    const chart = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmChart',
      metadata: { name: 'podinfo', namespace: 'flux-system' },
      status: {
        artifact: { revision: '6.2.2+0123456789ab' },
        conditions: [{ type: 'Ready', status: 'True', message: "pulled 'podinfo' chart with version '6.2.2'" }],
      },
    };
    expect(rowsFor(HELM_CHART, [chart], { allNamespaces: false, prefixKind: false })).toEqual([
      ['podinfo', '6.2.2+0123456789ab', 'False', 'True', "pulled 'podinfo' chart with version '6.2.2'"],
    ]);
    expect(rowsFor(HELM_CHART, [chart], { allNamespaces: true, prefixKind: true })[0]?.slice(0, 2)).toEqual(['flux-system', 'helmchart/podinfo']);
  });
});
