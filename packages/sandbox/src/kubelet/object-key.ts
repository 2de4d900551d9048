import type { KubernetesObject } from '@kubernetes/client-node';

/** The queue/cache key of an object: `namespace/name`, or `name` for cluster-scoped ones. Pure. */
export function objectKey(object: KubernetesObject): string {
  const name = object.metadata?.name ?? '';
  const namespace = object.metadata?.namespace;
  return namespace ? `${namespace}/${name}` : name;
}
