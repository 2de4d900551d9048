import type { InventoryEntry } from '../../api/kustomize-v1.js';
import { Reason } from '../../api/meta.js';
import { ApplyError, applyAllStaged, type ChangeSetEntry } from '../../kube/apply.js';
import { entryOf, staleEntries } from '../../kube/inventory.js';
import type { KubeObject } from '../../kube/objects.js';
import { pruneStale } from '../../kube/prune.js';
import { encryptedSecretProblem } from '../../render/decryption/encrypted-secret.js';
import { errorMessage } from '../../runtime/errors.js';
import { ownerLabels } from './manifests.js';
import { changeSetMessage } from './messages.js';
import { emitEvent, StepFailure, type ApplyContext } from './step-context.js';

/** Field manager of applied objects, as kustomize-controller names it. */
export const KUSTOMIZE_MANAGER = 'kustomize-controller';

/** Flux waits for CRDs/Namespaces/`*Class` objects between stages, polling every 2s. */
export const STAGE_WAIT_INTERVAL_MS = 2000;

/** The outcome of apply + prune. */
export interface ApplyOutcome {
  changeSet: ChangeSetEntry[];
  /** Whether anything was created or configured. */
  drifted: boolean;
}

/**
 * Staged server-side apply, then the new inventory, then prune of stale entries. Emits the
 * change-set events Flux emits; failed prunes stay in the inventory and fail the step.
 */
export async function applyAndPrune(ctx: ApplyContext, objects: KubeObject[]): Promise<ApplyOutcome> {
  const { obj, deps } = ctx;
  const oldEntries: InventoryEntry[] = obj.status?.inventory?.entries ?? [];
  // Flux's last guard: ciphertext never reaches the cluster, whatever the build did.
  const encrypted = encryptedSecretProblem(objects);
  if (encrypted) throw new StepFailure(Reason.ReconciliationFailed, encrypted);
  let changeSet: ChangeSetEntry[];
  try {
    changeSet = await applyAllStaged(ctx.target, objects, {
      fieldManager: KUSTOMIZE_MANAGER,
      force: obj.spec.force ?? false,
      stageWait: {
        intervalMs: deps.stageWaitIntervalMs ?? STAGE_WAIT_INTERVAL_MS,
        timeoutMs: ctx.timeoutMs,
        signal: ctx.signal,
      },
    });
  } catch (error) {
    const partial =
      error instanceof ApplyError ? changeSetMessage(error.changeSet, ['created', 'configured']) : '';
    throw new StepFailure(
      Reason.ReconciliationFailed,
      partial ? `${errorMessage(error)}\n${partial}` : errorMessage(error),
    );
  }
  const applied = changeSetMessage(changeSet, ['created', 'configured']);
  if (applied) await emitEvent(ctx, 'Normal', applied);
  const newEntries = changeSet.map((c) => entryOf(c.object));
  obj.status = { ...obj.status, inventory: { entries: newEntries } };
  if (obj.spec.prune) await prune(ctx, staleEntries(oldEntries, newEntries), newEntries);
  return { changeSet, drifted: applied !== '' };
}

async function prune(
  ctx: ApplyContext,
  stale: InventoryEntry[],
  newEntries: InventoryEntry[],
): Promise<void> {
  const { obj } = ctx;
  const owner = ownerLabels({ name: obj.metadata.name, namespace: obj.metadata.namespace ?? 'default' });
  const pruned = await pruneStale(ctx.target, stale, { labels: owner });
  const deleted = changeSetMessage(pruned.changeSet, ['deleted']);
  if (deleted) await emitEvent(ctx, 'Normal', deleted);
  if (pruned.failed.length > 0) {
    obj.status = { ...obj.status, inventory: { entries: [...newEntries, ...pruned.failed] } };
    throw new StepFailure(Reason.PruneFailed, pruned.errors.join('\n'));
  }
}
