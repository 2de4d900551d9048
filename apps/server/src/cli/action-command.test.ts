import { describe, expect, it } from 'vitest';
import { reconcileDone, sourceOf } from './action-command.js';

const meta = { name: 'podinfo', namespace: 'apps', generation: 2 };

describe('reconcile --with-source', () => {
  it.each<[string, Record<string, unknown>, ReturnType<typeof sourceOf>]>([
    [
      'a Kustomization: its sourceRef',
      { sourceRef: { kind: 'GitRepository', name: 'repo' } },
      { kind: 'GitRepository', namespace: 'apps', name: 'repo' },
    ],
    [
      'a HelmRelease chart template: the chart source',
      {
        chart: {
          spec: {
            chart: 'podinfo',
            sourceRef: { kind: 'HelmRepository', name: 'charts', namespace: 'flux-system' },
          },
        },
      },
      { kind: 'HelmRepository', namespace: 'flux-system', name: 'charts' },
    ],
    [
      'a HelmRelease chartRef',
      { chartRef: { kind: 'OCIRepository', name: 'oci' } },
      { kind: 'OCIRepository', namespace: 'apps', name: 'oci' },
    ],
    ['nothing to reconcile', {}, undefined],
  ])('%s', (_name, spec, expected) => {
    expect(sourceOf({ apiVersion: 'x/v1', kind: 'X', metadata: meta, spec })).toEqual(expected);
  });
});

describe('reconcileDone', () => {
  it('waits for the request to be handled and Ready at the current generation', () => {
    const obj = (ready: string, handled: string) => ({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: meta,
      status: {
        lastHandledReconcileAt: handled,
        conditions: [{ type: 'Ready', status: ready, message: '', observedGeneration: 2 }],
      },
    });
    expect(reconcileDone(obj('True', 'old'), 'new')).toBe('pending');
    expect(reconcileDone(obj('True', 'new'), 'new')).toBe('ready');
    expect(reconcileDone(obj('False', 'new'), 'new')).toBe('failed');
  });
});
