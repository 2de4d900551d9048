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

type Cond = { type: string; status: string; message: string; observedGeneration?: number };

/** An object at generation 2 with the given status. */
function at2(status: { handled?: string; observed?: number; conditions: Cond[] }) {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: meta,
    status: {
      lastHandledReconcileAt: status.handled,
      observedGeneration: status.observed,
      conditions: status.conditions,
    },
  };
}

const readyC = (status: string, observedGeneration?: number): Cond => ({
  type: 'Ready',
  status,
  message: '',
  observedGeneration,
});
const reconcilingC: Cond = { type: 'Reconciling', status: 'True', message: '' };

describe('reconcileDone', () => {
  it.each<[string, ReturnType<typeof at2>, string | undefined, ReturnType<typeof reconcileDone>]>([
    [
      'request not handled yet',
      at2({ handled: 'old', observed: 2, conditions: [readyC('True', 2)] }),
      'new',
      'pending',
    ],
    [
      'request handled, Ready at this generation',
      at2({ handled: 'new', observed: 2, conditions: [readyC('True', 2)] }),
      'new',
      'ready',
    ],
    [
      'request handled, Ready=False at this generation',
      at2({ handled: 'new', observed: 2, conditions: [readyC('False', 2)] }),
      'new',
      'failed',
    ],
    [
      'Ready=False left from the previous request',
      at2({ handled: 'old', observed: 2, conditions: [readyC('False', 2)] }),
      'new',
      'pending',
    ],
    [
      'Ready=False left from the previous generation',
      at2({ handled: 'new', observed: 1, conditions: [readyC('False', 1)] }),
      'new',
      'pending',
    ],
    [
      'Ready=False of the previous generation, no request (create, resume)',
      at2({ observed: 1, conditions: [readyC('False', 1)] }),
      undefined,
      'pending',
    ],
    [
      'Ready=True of the previous generation',
      at2({ handled: 'new', observed: 1, conditions: [readyC('True', 1)] }),
      'new',
      'pending',
    ],
    [
      'a new failure while status.observedGeneration lags (a retrying failure records none)',
      at2({ handled: 'new', observed: -1, conditions: [readyC('False', 2)] }),
      'new',
      'failed',
    ],
    [
      'condition without observedGeneration: the status decides (HelmRelease)',
      at2({ handled: 'new', observed: 2, conditions: [readyC('False')] }),
      'new',
      'failed',
    ],
    [
      'condition without observedGeneration, status behind',
      at2({ handled: 'new', observed: 1, conditions: [readyC('False')] }),
      'new',
      'pending',
    ],
    [
      'never reconciled: no observedGeneration at all',
      at2({ conditions: [readyC('True')] }),
      undefined,
      'pending',
    ],
    [
      'Ready=Unknown',
      at2({ handled: 'new', observed: 2, conditions: [readyC('Unknown', 2)] }),
      'new',
      'pending',
    ],
    ['no Ready condition', at2({ handled: 'new', observed: 2, conditions: [] }), 'new', 'pending'],
    [
      'Reconciling=True beside Ready=True',
      at2({ handled: 'new', observed: 2, conditions: [readyC('True', 2), reconcilingC] }),
      'new',
      'pending',
    ],
    [
      'Reconciling=True beside Ready=False (retrying): the failure',
      at2({ handled: 'new', observed: 2, conditions: [readyC('False', 2), reconcilingC] }),
      'new',
      'failed',
    ],
    [
      'no request to wait for, Ready now',
      at2({ handled: 'anything', observed: 2, conditions: [readyC('True', 2)] }),
      undefined,
      'ready',
    ],
  ])('%s', (_name, obj, requestedAt, expected) => {
    expect(reconcileDone(obj, requestedAt)).toBe(expected);
  });
});
