import { stringify } from 'yaml';
import type { KubeObject } from '@tideline/core';

/**
 * The object `flux export` prints: apiVersion, kind, name, namespace, labels, annotations and
 * spec — never status, uid, resourceVersion or managed fields. Pure.
 */
export function exportable(obj: KubeObject & { spec?: unknown }): Record<string, unknown> {
  const { name, namespace, labels, annotations } = obj.metadata;
  const metadata: Record<string, unknown> = { name };
  if (namespace) metadata.namespace = namespace;
  if (labels && Object.keys(labels).length > 0) metadata.labels = labels;
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata,
    ...(obj.spec !== undefined ? { spec: obj.spec } : {}),
  };
}

/**
 * YAML as `flux export` writes it (sigs.k8s.io/yaml): a `---` line, keys sorted, lists not
 * indented under their key, multi-line strings as literal blocks. Pure.
 */
export function exportYaml(obj: KubeObject & { spec?: unknown }): string {
  const body = stringify(exportable(obj), { sortMapEntries: true, indentSeq: false, lineWidth: 0 }).trimEnd();
  return `---\n${body}\n`;
}
