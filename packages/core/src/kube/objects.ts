import type { ObjectMeta } from '../api/meta.js';

/** A Kubernetes object as JSON: the fields every object has, the rest open. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & {
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    managedFields?: unknown[];
  };
  [key: string]: unknown;
}

/** A list answer. */
export interface KubeList<T> {
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

/** `<Kind>/<namespace>/<name>` or `<Kind>/<name>` for cluster-scoped objects, as Flux prints them. */
export function objectSubject(obj: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return obj.metadata.namespace
    ? `${obj.kind}/${obj.metadata.namespace}/${obj.metadata.name}`
    : `${obj.kind}/${obj.metadata.name}`;
}
