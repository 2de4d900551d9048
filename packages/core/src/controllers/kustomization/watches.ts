import type { KubeObject } from '../../kube/objects.js';
import type { Ks } from './step-context.js';

/** The Kustomizations whose `dependsOn` names `dependency` (namespace defaulting to their own). Pure. */
export function dependentsOf(dependency: KubeObject, all: readonly Ks[]): Ks[] {
  return all.filter((ks) =>
    ks.spec.dependsOn?.some(
      (d) =>
        d.name === dependency.metadata.name &&
        (d.namespace ?? ks.metadata.namespace) === dependency.metadata.namespace,
    ),
  );
}

/**
 * The Kustomizations that read a ConfigMap or Secret of their own namespace: post-build
 * `substituteFrom`, or (a Secret) the kubeconfig of the target cluster. Pure.
 */
export function usersOfConfig(kind: 'ConfigMap' | 'Secret', config: KubeObject, all: readonly Ks[]): Ks[] {
  return all.filter(
    (ks) =>
      ks.metadata.namespace === config.metadata.namespace &&
      (ks.spec.postBuild?.substituteFrom?.some(
        (ref) => ref.kind === kind && ref.name === config.metadata.name,
      ) ||
        (kind === 'Secret' && ks.spec.kubeConfig?.secretRef?.name === config.metadata.name)),
  );
}
