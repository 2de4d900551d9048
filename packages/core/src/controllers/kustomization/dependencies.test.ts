import { describe, expect, it } from 'vitest';
import type { Kustomization } from '../../api/kustomize-v1.js';
import { dependencyNotReady } from './dependencies.js';

const REV = 'main@sha1:1111111111111111111111111111111111111111';
const OLD = 'main@sha1:0000000000000000000000000000000000000000';

/** A Kustomization in `apps` reading GitRepository `source`, with a Ready condition and status as given. */
function ks(
  name: string,
  options: {
    ready?: 'True' | 'False';
    generation?: number;
    observed?: number;
    applied?: string;
    source?: string;
  } = {},
): Kustomization {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: 'apps', generation: options.generation ?? 1 },
    spec: {
      interval: '1m',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: options.source ?? 'source' },
    },
    status: {
      observedGeneration: options.observed ?? 1,
      lastAppliedRevision: options.applied ?? REV,
      conditions: options.ready
        ? [{ type: 'Ready', status: options.ready, reason: 'x', message: '', lastTransitionTime: '' }]
        : [],
    },
  };
}
const dep = (object?: Kustomization) => ({ ref: { name: 'base', namespace: 'apps' }, object });

describe('dependencyNotReady', () => {
  it.each([
    ['ready at the current revision', dep(ks('base', { ready: 'True' })), undefined],
    ['missing', dep(undefined), "dependency 'apps/base' not found"],
    ['without conditions', dep(ks('base')), "dependency 'apps/base' is not ready"],
    ['Ready=False', dep(ks('base', { ready: 'False' })), "dependency 'apps/base' is not ready"],
    [
      'behind its generation',
      dep(ks('base', { ready: 'True', generation: 2, observed: 1 })),
      "dependency 'apps/base' is not ready",
    ],
    [
      'on the same source at an older revision',
      dep(ks('base', { ready: 'True', applied: OLD })),
      "dependency 'apps/base' revision is not up to date",
    ],
    [
      'on another source at another revision',
      dep(ks('base', { ready: 'True', applied: OLD, source: 'other' })),
      undefined,
    ],
  ])('a dependency %s', (_case, fetched, message) => {
    expect(dependencyNotReady(ks('app'), [fetched], REV)).toBe(message);
  });
});
