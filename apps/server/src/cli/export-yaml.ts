import { Document, isScalar, parse, Scalar, visit } from 'yaml';
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

// YAML 1.1 booleans go-yaml v2 resolves (the `yaml` package reads YAML 1.2, where they are strings).
const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const NULL = /^(null|Null|NULL|~|)$/;

/** Whether a string would read back as another type (a number, a bool, null) if left plain. Pure. */
function readsAsOtherType(text: string): boolean {
  if (YAML11_BOOL.test(text) || NULL.test(text)) return true;
  try {
    const value: unknown = parse(text);
    return typeof value === 'number' || typeof value === 'boolean';
  } catch {
    return false;
  }
}

/**
 * YAML as `flux export` writes it (sigs.k8s.io/yaml, go-yaml v2): a `---` line, keys sorted,
 * lists not indented under their key, multi-line strings as literal blocks, a string that
 * cannot be plain in single quotes (`'*'`, `'>=1.0.0'`) unless it would read as a number, a
 * bool or null (`"9797"`, `"true"`), which go-yaml double-quotes. Pure.
 */
export function exportYaml(obj: KubeObject & { spec?: unknown }): string {
  const doc = new Document(exportable(obj), { sortMapEntries: true });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && readsAsOtherType(node.value))
        node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const body = doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true }).trimEnd();
  return `---\n${body}\n`;
}
