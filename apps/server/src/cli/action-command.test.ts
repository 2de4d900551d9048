import { describe, expect, it } from 'vitest';
import { sourceOf } from './action-command.js';
import { reconcileDone } from './reconcile-wait.js';

const meta = { name: 'podinfo', namespace: 'apps', generation: 2 };

describe('reconcile --with-source', () => {
  it.each<[string, string, Record<string, unknown>, ReturnType<typeof sourceOf>]>([
    [
      'a Kustomization: its sourceRef',
      'Kustomization',
      { sourceRef: { kind: 'GitRepository', name: 'repo' } },
      { kind: 'GitRepository', namespace: 'apps', name: 'repo' },
    ],
    [
      'a HelmRelease chart template: its generated HelmChart, in the chart source namespace',
      'HelmRelease',
      {
        chart: {
          spec: {
            chart: 'podinfo',
            sourceRef: { kind: 'HelmRepository', name: 'charts', namespace: 'flux-system' },
          },
        },
      },
      { kind: 'HelmChart', namespace: 'flux-system', name: 'apps-podinfo' },
    ],
    [
      'a HelmChart: its sourceRef',
      'HelmChart',
      { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'charts' } },
      { kind: 'HelmRepository', namespace: 'apps', name: 'charts' },
    ],
    [
      'a HelmRelease chartRef',
      'HelmRelease',
      { chartRef: { kind: 'OCIRepository', name: 'oci' } },
      { kind: 'OCIRepository', namespace: 'apps', name: 'oci' },
    ],
    ['nothing to reconcile', 'GitRepository', {}, undefined],
  ])('%s', (_name, kind, spec, expected) => {
    expect(sourceOf({ apiVersion: 'x/v1', kind, metadata: meta, spec })).toEqual(expected);
  });
});

describe('reconcileDone', () => {
  it('waits for the request to be handled and Ready at the current generation', () => {
    const obj = (ready: string, handled: string, generation = 2) => ({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: meta,
      status: {
        lastHandledReconcileAt: handled,
        conditions: [{ type: 'Ready', status: ready, message: '', observedGeneration: generation }],
      },
    });
    expect(reconcileDone(obj('True', 'old'), 'new')).toBe('pending');
    expect(reconcileDone(obj('True', 'new'), 'new')).toBe('ready');
    expect(reconcileDone(obj('False', 'new'), 'new')).toBe('failed');
    expect(reconcileDone(obj('True', 'new', 1), 'new')).toBe('pending');
    expect(reconcileDone(obj('Unknown', 'new'), 'new')).toBe('pending');
    expect(reconcileDone(obj('True', 'anything'))).toBe('ready');
  });
});
