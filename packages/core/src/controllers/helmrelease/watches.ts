import type { KubeObject } from '../../kube/objects.js';
import type { Hr } from './release-spec.js';
import { chartSourceRef } from './source-step.js';

/** The HelmReleases whose chart comes from `source` (a HelmChart or OCIRepository). Pure. */
export function releasesUsingSource(source: KubeObject, all: readonly Hr[]): Hr[] {
  return all.filter((hr) => {
    const ref = chartSourceRef(hr);
    return (
      ref.kind === source.kind &&
      ref.name === source.metadata.name &&
      ref.namespace === source.metadata.namespace
    );
  });
}

/** The HelmReleases whose `dependsOn` names `dependency`. Pure. */
export function dependentReleases(dependency: KubeObject, all: readonly Hr[]): Hr[] {
  return all.filter((hr) =>
    hr.spec.dependsOn?.some(
      (d) =>
        d.name === dependency.metadata.name &&
        (d.namespace || hr.metadata.namespace) === dependency.metadata.namespace,
    ),
  );
}

/** The HelmReleases that read a ConfigMap or Secret of their namespace (`valuesFrom`, kubeconfig). Pure. */
export function releasesUsingConfig(
  kind: 'ConfigMap' | 'Secret',
  config: KubeObject,
  all: readonly Hr[],
): Hr[] {
  return all.filter(
    (hr) =>
      hr.metadata.namespace === config.metadata.namespace &&
      (hr.spec.valuesFrom?.some((ref) => ref.kind === kind && ref.name === config.metadata.name) ||
        (kind === 'Secret' && hr.spec.kubeConfig?.secretRef?.name === config.metadata.name)),
  );
}
