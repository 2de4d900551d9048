import { KUSTOMIZE_API_VERSION, SOURCE_API_VERSION, type Resources } from '@tideline/core';

/**
 * What `flux bootstrap` leaves in the cluster: the `flux-system` namespace, GitRepository and
 * Kustomization. Applied with the same field manager the Kustomization uses afterwards, so the
 * sync manifest in Git takes them over without conflicts.
 */
export async function bootstrapFluxSystem(resources: Resources, cloneUrl: string): Promise<void> {
  const fieldManager = 'kustomize-controller';
  await resources.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'flux-system' } },
    { fieldManager },
  );
  await resources.apply(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'GitRepository',
      metadata: { name: 'flux-system', namespace: 'flux-system' },
      spec: { interval: '1m0s', ref: { branch: 'main' }, url: cloneUrl },
    },
    { fieldManager },
  );
  await resources.apply(
    {
      apiVersion: KUSTOMIZE_API_VERSION,
      kind: 'Kustomization',
      metadata: { name: 'flux-system', namespace: 'flux-system' },
      spec: {
        interval: '10m0s',
        path: './clusters/production',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      },
    },
    { fieldManager },
  );
}
