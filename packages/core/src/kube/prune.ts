import type { InventoryEntry } from '../api/kustomize-v1.js';
import { errorMessage } from '../runtime/errors.js';
import { isReconcileDisabled, type ChangeSetEntry } from './apply.js';
import { sortForApply } from './apply-order.js';
import { apiVersionOf, parseInventoryEntry } from './inventory.js';
import type { KubeObject } from './objects.js';
import { objectSubject } from './objects.js';
import type { Resources } from './resources.js';

/** The outcome of a prune: what was deleted/skipped, and entries that failed (kept in inventory). */
export interface PruneResult {
  changeSet: ChangeSetEntry[];
  failed: InventoryEntry[];
  errors: string[];
}

/**
 * Deletes stale objects in reverse apply order, but only those carrying both ownership labels
 * with these values and not opted out (`prune: disabled`, `reconcile: disabled`, `ssa: Ignore`).
 * NotFound counts as deleted; failures are reported, not thrown.
 */
export async function pruneStale(
  resources: Resources,
  stale: readonly InventoryEntry[],
  owner: { labels: Record<string, string> },
): Promise<PruneResult> {
  const result: PruneResult = { changeSet: [], failed: [], errors: [] };
  const targets: { entry: InventoryEntry; obj: KubeObject }[] = stale.map((entry) => {
    const id = parseInventoryEntry(entry);
    const obj: KubeObject = {
      apiVersion: apiVersionOf(id),
      kind: id.kind,
      metadata: { name: id.name, ...(id.namespace ? { namespace: id.namespace } : {}) },
    };
    return { entry, obj };
  });
  const order = sortForApply(targets.map((t) => t.obj)).reverse();
  for (const obj of order) {
    const entry = targets.find((t) => t.obj === obj)?.entry;
    if (!entry) continue;
    const subject = objectSubject(obj);
    try {
      const live = await resources.get({
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
      });
      if (!live) {
        result.changeSet.push({ subject, action: 'deleted', object: obj });
        continue;
      }
      const labels = live.metadata.labels ?? {};
      const owned = Object.entries(owner.labels).every(([k, v]) => labels[k] === v);
      const pruneDisabled = [labels, live.metadata.annotations ?? {}].some(
        (m) => m['kustomize.toolkit.fluxcd.io/prune']?.toLowerCase() === 'disabled',
      );
      if (!owned || pruneDisabled || isReconcileDisabled(live)) {
        result.changeSet.push({ subject, action: 'skipped', object: obj });
        continue;
      }
      await resources.delete({
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
      });
      result.changeSet.push({ subject, action: 'deleted', object: obj });
    } catch (error) {
      result.failed.push(entry);
      result.errors.push(`${subject} deletion failed: ${errorMessage(error)}`);
    }
  }
  return result;
}
