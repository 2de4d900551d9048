import { ConditionType } from '../../api/meta.js';
import type { InventoryEntry } from '../../api/kustomize-v1.js';
import { parseInventoryEntry } from '../../kube/inventory.js';
import { objectSubject } from '../../kube/objects.js';
import { pruneStale } from '../../kube/prune.js';
import { getCondition } from '../../runtime/conditions.js';
import { waitUntil } from '../../runtime/wait-until.js';
import { STAGE_WAIT_INTERVAL_MS } from './apply-step.js';
import { ownerLabels } from './manifests.js';
import { changeSetMessage } from './messages.js';
import type { Ks, KustomizationReconcilerDeps } from './step-context.js';
import type { TargetClusters } from './target-cluster.js';
import { kustomizationTimeout } from './timing.js';

/** Raised when objects of a deleted Kustomization could not be deleted; the finalizer stays and the delete is retried. */
export class FinalizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FinalizeError';
  }
}

/** Whether Flux deletes the inventory when the Kustomization is deleted. Pure. */
export function deletesInventory(obj: Ks): boolean {
  const policy = obj.spec.deletionPolicy ?? 'MirrorPrune';
  const entries = obj.status?.inventory?.entries ?? [];
  return (
    !obj.spec.suspend &&
    entries.length > 0 &&
    (policy === 'Delete' || policy === 'WaitForTermination' || (policy === 'MirrorPrune' && obj.spec.prune))
  );
}

/**
 * kustomize-controller's finalize, before the finalizer is removed: delete the inventory on the
 * target cluster as the impersonated account. When that account is gone, list what is left
 * behind and let go; when a deletion fails, emit "pruning for deleted resource failed" and throw
 * so the deletion is retried with backoff. `WaitForTermination` then waits for the deleted
 * objects to be gone (finalizers and all), up to the Kustomization's timeout.
 */
export async function deleteInventory(
  obj: Ks,
  deps: KustomizationReconcilerDeps,
  targets: TargetClusters,
): Promise<void> {
  if (!deletesInventory(obj)) return;
  const entries = obj.status?.inventory?.entries ?? [];
  if (!(await canImpersonate(obj, deps))) {
    await event(obj, deps, 'Warning', `unable to prune objects: \n${entries.map(subjectOf).join('\n')}`);
    return;
  }
  const owner = ownerLabels({ name: obj.metadata.name, namespace: obj.metadata.namespace ?? 'default' });
  const pruned = await pruneStale(await targets.resourcesFor(obj), entries, { labels: owner });
  if (pruned.failed.length > 0) {
    await event(obj, deps, 'Warning', 'pruning for deleted resource failed');
    throw new FinalizeError(pruned.errors.join('\n'));
  }
  const deleted = changeSetMessage(pruned.changeSet, ['deleted']);
  if (!deleted) return;
  await event(obj, deps, 'Normal', deleted);
  if (obj.spec.deletionPolicy !== 'WaitForTermination') return;
  // As Flux: poll every 2s for the Kustomization's timeout; on timeout say so and let go anyway.
  const resources = await targets.resourcesFor(obj);
  const gone = pruned.changeSet.filter((c) => c.action === 'deleted').map((c) => c.object);
  const terminated = async (): Promise<boolean> => {
    for (const o of gone) {
      const ref = {
        apiVersion: o.apiVersion,
        kind: o.kind,
        namespace: o.metadata.namespace,
        name: o.metadata.name,
      };
      if ((await resources.get(ref)) !== undefined) return false;
    }
    return true;
  };
  const waitOptions = {
    timeoutMs: kustomizationTimeout(obj.spec),
    intervalMs: deps.stageWaitIntervalMs ?? STAGE_WAIT_INTERVAL_MS,
    what: 'resources termination',
  };
  await waitUntil(terminated, waitOptions).catch(() =>
    event(obj, deps, 'Warning', 'failed to wait for resources termination'),
  );
}

/** fluxcd/pkg `CanImpersonate`: the ServiceAccount to impersonate exists on the engine's own cluster. */
async function canImpersonate(obj: Ks, deps: KustomizationReconcilerDeps): Promise<boolean> {
  const name = obj.spec.serviceAccountName || deps.defaultServiceAccount;
  if (!name) return true;
  const ref = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    namespace: obj.metadata.namespace ?? 'default',
    name,
  };
  return (await deps.resources.get(ref).catch(() => undefined)) !== undefined;
}

/** Finalizer events carry the last applied revision; their reason is the Ready reason, as all Kustomization events. */
async function event(
  obj: Ks,
  deps: KustomizationReconcilerDeps,
  type: 'Normal' | 'Warning',
  message: string,
): Promise<void> {
  const revision = obj.status?.lastAppliedRevision;
  const reason = getCondition(obj, ConditionType.Ready)?.reason ?? (type === 'Warning' ? 'error' : 'info');
  await deps.events.record(
    obj,
    type,
    reason,
    message,
    revision ? { 'kustomize.toolkit.fluxcd.io/revision': revision } : {},
  );
}

/** `Kind/namespace/name` of an inventory entry, as Flux lists objects it could not prune. */
function subjectOf(entry: InventoryEntry): string {
  const id = parseInventoryEntry(entry);
  return objectSubject({ kind: id.kind, metadata: { name: id.name, namespace: id.namespace || undefined } });
}
