import type { Kustomization } from '../../api/kustomize-v1.js';
import type { DependencyReference } from '../../api/meta.js';

/** A dependency as fetched: undefined when it does not exist. */
export interface FetchedDependency {
  ref: Required<DependencyReference>;
  object?: Kustomization;
}

/**
 * Flux's readiness rule for `dependsOn`: the dependency exists, has observed its generation,
 * is Ready=True, and — when it uses the same source — has applied the current revision.
 * Returns the first failure message, or undefined when all are ready. Pure.
 */
export function dependencyNotReady(
  dependent: Kustomization,
  deps: readonly FetchedDependency[],
  currentRevision: string | undefined,
): string | undefined {
  const sourceNs = dependent.spec.sourceRef.namespace ?? dependent.metadata.namespace;
  for (const { ref, object } of deps) {
    const id = `${ref.namespace}/${ref.name}`;
    if (!object) return `dependency '${id}' not found`;
    const ready = object.status?.conditions?.find((c) => c.type === 'Ready');
    if (object.metadata.generation !== object.status?.observedGeneration || ready?.status !== 'True') {
      return `dependency '${id}' is not ready`;
    }
    const depSource = object.spec.sourceRef;
    const sameSource =
      depSource.kind === dependent.spec.sourceRef.kind &&
      depSource.name === dependent.spec.sourceRef.name &&
      (depSource.namespace ?? object.metadata.namespace) === sourceNs;
    if (sameSource && currentRevision && object.status?.lastAppliedRevision !== currentRevision) {
      return `dependency '${id}' revision is not up to date`;
    }
  }
  return undefined;
}
