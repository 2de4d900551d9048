import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
import type { Ks } from './step-context.js';
import { dependentsOf, usersOfConfig } from './watches.js';

const ks = (name: string, spec: Record<string, unknown>, namespace = 'flux-system'): Ks =>
  ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace },
    spec: { interval: '1m', prune: true, sourceRef: { kind: 'GitRepository', name: 'x' }, ...spec },
  }) as Ks;
const config = (name: string, namespace = 'flux-system'): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace } }) as KubeObject;

describe('Kustomization wake-ups', () => {
  it('finds dependents in their own namespace or the one they name', () => {
    const infra = ks('infra', {});
    const all = [
      ks('apps', { dependsOn: [{ name: 'infra' }] }),
      ks('tenant', { dependsOn: [{ name: 'infra', namespace: 'flux-system' }] }, 'team'),
      ks('stray', { dependsOn: [{ name: 'infra' }] }, 'team'),
      ks('free', {}),
    ];
    expect(dependentsOf(infra, all).map((k) => k.metadata.name)).toEqual(['apps', 'tenant']);
  });

  it('finds the users of a substitution source or a kubeconfig Secret', () => {
    const all = [
      ks('vars', { postBuild: { substituteFrom: [{ kind: 'Secret', name: 'vars' }] } }),
      ks('cm-vars', { postBuild: { substituteFrom: [{ kind: 'ConfigMap', name: 'vars' }] } }),
      ks('remote', { kubeConfig: { secretRef: { name: 'vars' } } }),
      ks('elsewhere', { postBuild: { substituteFrom: [{ kind: 'Secret', name: 'vars' }] } }, 'team'),
    ];
    expect(usersOfConfig('Secret', config('vars'), all).map((k) => k.metadata.name)).toEqual([
      'vars',
      'remote',
    ]);
    expect(usersOfConfig('ConfigMap', config('vars'), all).map((k) => k.metadata.name)).toEqual(['cm-vars']);
  });
});
