import type { Kustomization } from '../../api/kustomize-v1.js';

/**
 * kustomize-controller's `--no-cross-namespace-refs` check, made before the source is read:
 * the `AccessDenied` message when `sourceRef` points into another namespace, else undefined.
 * Only `sourceRef` is checked — Flux lets `dependsOn` cross namespaces even with the flag. Pure.
 */
export function sourceAccessDenied(
  ks: Pick<Kustomization, 'metadata' | 'spec'>,
  noCrossNamespaceRefs: boolean,
): string | undefined {
  const ref = ks.spec.sourceRef;
  const own = ks.metadata.namespace ?? 'default';
  const namespace = ref.namespace || own;
  if (!noCrossNamespaceRefs || namespace === own) return undefined;
  return `can't access '${ref.kind}/${namespace}/${ref.name}', cross-namespace references have been blocked`;
}
