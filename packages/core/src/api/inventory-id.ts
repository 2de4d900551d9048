import type { InventoryEntry } from './kustomize-v1.js';

/** An object identity as the inventory records it. */
export interface ObjectIdentity {
  namespace: string;
  name: string;
  group: string;
  kind: string;
  version: string;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** Flux's inventory ID `<namespace>_<name>_<group>_<kind>`; RBAC names encode `:` as `__`. Pure. */
export function inventoryId(id: Omit<ObjectIdentity, 'version'>): string {
  const name = id.group === RBAC_GROUP && RBAC_KINDS.has(id.kind) ? id.name.replace(/:/g, '__') : id.name;
  return `${id.namespace}_${name}_${id.group}_${id.kind}`;
}

/** Parses an entry back: namespace before the first `_`, kind after the last, group before it. Pure. */
export function parseInventoryEntry(entry: InventoryEntry): ObjectIdentity {
  const first = entry.id.indexOf('_');
  const last = entry.id.lastIndexOf('_');
  const beforeLast = entry.id.lastIndexOf('_', last - 1);
  if (first < 0 || last <= first || beforeLast < first) throw new Error(`invalid inventory id '${entry.id}'`);
  const namespace = entry.id.slice(0, first);
  const kind = entry.id.slice(last + 1);
  const group = entry.id.slice(beforeLast + 1, last);
  let name = entry.id.slice(first + 1, beforeLast);
  if (group === RBAC_GROUP && RBAC_KINDS.has(kind)) name = name.replace(/__/g, ':');
  return { namespace, name, group, kind, version: entry.v };
}
