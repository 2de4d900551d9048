import type { InventoryEntry } from '../api/kustomize-v1.js';
import { inventoryId, type ObjectIdentity } from '../api/inventory-id.js';
import { splitApiVersion } from './resource-mapper.js';

export { inventoryId, parseInventoryEntry, type ObjectIdentity } from '../api/inventory-id.js';

/** The inventory entry of an object. Pure. */
export function entryOf(obj: {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}): InventoryEntry {
  const { group, version } = splitApiVersion(obj.apiVersion);
  return {
    id: inventoryId({
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name,
      group,
      kind: obj.kind,
    }),
    v: version,
  };
}

/** apiVersion of an identity (`apps/v1`, or `v1` for the core group). Pure. */
export function apiVersionOf(id: ObjectIdentity): string {
  return id.group ? `${id.group}/${id.version}` : id.version;
}

/** Entries in `previous` that are not in `next` (by ID): what prune may delete. Pure. */
export function staleEntries(
  previous: readonly InventoryEntry[],
  next: readonly InventoryEntry[],
): InventoryEntry[] {
  const keep = new Set(next.map((e) => e.id));
  return previous.filter((e) => !keep.has(e.id));
}
