import { parseAllDocuments } from 'yaml';
import { KUSTOMIZE_NAME_LABEL, KUSTOMIZE_NAMESPACE_LABEL } from '../../api/kustomize-v1.js';
import type { KubeObject } from '../../kube/objects.js';

/**
 * Parses kustomize output into objects, requiring apiVersion, kind and metadata.name on each,
 * as kustomize-controller does. Throws with Flux-like messages. Pure.
 */
export function parseManifests(yamlText: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(yamlText)) {
    if (doc.errors.length > 0) throw new Error(`failed to decode manifests: ${doc.errors[0]?.message ?? 'invalid YAML'}`);
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error('failed to decode manifests: document is not an object');
    const obj = value as Partial<KubeObject>;
    const gvk = `${obj.apiVersion ?? ''}/${obj.kind ?? ''}`;
    if (!obj.apiVersion || !obj.kind) throw new Error(`failed to decode manifests: object '${obj.metadata?.name ?? ''}' has no apiVersion or kind`);
    if (!obj.metadata?.name) throw new Error(`failed to decode manifests: ${gvk} has no metadata.name`);
    objects.push(obj as KubeObject);
  }
  return objects;
}

/** Stamps the ownership labels Flux puts on every applied object. Pure (returns copies). */
export function withOwnerLabels(objects: readonly KubeObject[], owner: { name: string; namespace: string }): KubeObject[] {
  return objects.map((obj) => ({
    ...obj,
    metadata: {
      ...obj.metadata,
      labels: { ...(obj.metadata.labels ?? {}), [KUSTOMIZE_NAME_LABEL]: owner.name, [KUSTOMIZE_NAMESPACE_LABEL]: owner.namespace },
    },
  }));
}

/** The ownership labels of a Kustomization. Pure. */
export function ownerLabels(owner: { name: string; namespace: string }): Record<string, string> {
  return { [KUSTOMIZE_NAME_LABEL]: owner.name, [KUSTOMIZE_NAMESPACE_LABEL]: owner.namespace };
}

/**
 * Kubernetes 1.20 rejects a server-side apply of a Service port without `protocol` (it is a
 * key of the associative list), so the API's default is filled in first. Pure.
 */
export function withDefaultPortProtocols(objects: readonly KubeObject[]): KubeObject[] {
  return objects.map((obj) => {
    if (obj.apiVersion !== 'v1' || obj.kind !== 'Service') return obj;
    const spec = obj.spec as { ports?: { protocol?: string }[] } | undefined;
    if (!spec?.ports) return obj;
    return { ...obj, spec: { ...spec, ports: spec.ports.map((p) => ({ protocol: 'TCP', ...p })) } };
  });
}
