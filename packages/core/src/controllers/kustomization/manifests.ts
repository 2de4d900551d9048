import { parseAllDocuments } from 'yaml';
import { KUSTOMIZE_NAME_LABEL, KUSTOMIZE_NAMESPACE_LABEL } from '../../api/kustomize-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import type { ManifestDoc } from '../../render/post-build.js';

/** A built resource whose object is known to have apiVersion, kind and name. */
export interface KubeDoc extends ManifestDoc {
  object: KubeObject;
}

/** Splits kustomize output into one YAML text per document (kustomize separates them with `---` lines). Pure. */
export function splitYamlDocuments(yamlText: string): string[] {
  return yamlText
    .split(/^---[ \t]*$/m)
    .map((d) => d.replace(/^\r?\n/, ''))
    .filter((d) => d.trim() !== '');
}

/** Whether a parsed document conforms to the Kubernetes API conventions Flux checks. Pure. */
export function isKubeObject(value: unknown): value is KubeObject {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as Partial<KubeObject>;
  return (
    typeof o.apiVersion === 'string' &&
    o.apiVersion !== '' &&
    typeof o.kind === 'string' &&
    o.kind !== '' &&
    typeof o.metadata?.name === 'string' &&
    o.metadata.name !== ''
  );
}

/**
 * Parses kustomize output into documents, requiring apiVersion, kind and metadata.name on each
 * with kustomize-controller's message `failed to decode Kubernetes apiVersion, kind and name
 * from: <resource>`. Pure.
 */
export function splitManifests(yamlText: string): KubeDoc[] {
  const docs: KubeDoc[] = [];
  for (const text of splitYamlDocuments(yamlText)) {
    const [doc, extra] = parseAllDocuments(text);
    if (!doc || extra || doc.errors.length > 0) {
      throw new Error(`failed to decode manifests: ${doc?.errors[0]?.message ?? 'invalid YAML document'}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // The alias bound (a ReferenceError from the yaml package) is a decoding failure like any other.
      throw new Error(`failed to decode manifests: ${(error as Error).message}`);
    }
    if (value === null || value === undefined) continue;
    if (!isKubeObject(value))
      throw new Error(`failed to decode Kubernetes apiVersion, kind and name from: ${text.trim()}`);
    docs.push({ text, object: value });
  }
  return docs;
}

/** The objects of kustomize output (see {@link splitManifests}). Pure. */
export function parseManifests(yamlText: string): KubeObject[] {
  return splitManifests(yamlText).map((d) => d.object);
}

/** Stamps the ownership labels Flux puts on every applied object. Pure (returns copies). */
export function withOwnerLabels(
  objects: readonly KubeObject[],
  owner: { name: string; namespace: string },
): KubeObject[] {
  return objects.map((obj) => ({
    ...obj,
    metadata: {
      ...obj.metadata,
      labels: {
        ...(obj.metadata.labels ?? {}),
        [KUSTOMIZE_NAME_LABEL]: owner.name,
        [KUSTOMIZE_NAMESPACE_LABEL]: owner.namespace,
      },
    },
  }));
}

/** `spec.commonMetadata`: labels and annotations set on every object, overriding existing keys. Pure. */
export function withCommonMetadata(
  objects: readonly KubeObject[],
  common: { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined,
): KubeObject[] {
  if (!common || (!common.labels && !common.annotations)) return [...objects];
  return objects.map((obj) => ({
    ...obj,
    metadata: {
      ...obj.metadata,
      ...(common.labels ? { labels: { ...(obj.metadata.labels ?? {}), ...common.labels } } : {}),
      ...(common.annotations
        ? { annotations: { ...(obj.metadata.annotations ?? {}), ...common.annotations } }
        : {}),
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
