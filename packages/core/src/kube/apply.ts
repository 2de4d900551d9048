import { errorMessage } from '../runtime/errors.js';
import {
  anyInMetadata,
  dryRunErrorMessage,
  EXCLUSION_SELECTOR,
  isClassDefinition,
  isClusterDefinition,
  shouldForceApply,
  shouldSkipApply,
  skipsCleanup,
} from './apply-policy.js';
import { applyStages } from './apply-order.js';
import { mapLimit } from '../runtime/map-limit.js';
import { waitForSet, WaitError } from './health/wait.js';
import { metadataCleanupPatch } from './managed-fields.js';
import type { KubeObject } from './objects.js';
import { objectSubject } from './objects.js';
import type { ObjectRef, Resources } from './resources.js';

/** What happened to one object. */
export type ChangeAction = 'created' | 'configured' | 'unchanged' | 'deleted' | 'skipped';

/** One change-set entry, as fluxcd/pkg/ssa reports it. */
export interface ChangeSetEntry {
  subject: string;
  action: ChangeAction;
  object: KubeObject;
}

/** Raised when applying an object fails; carries the change set of the stages already applied. */
export class ApplyError extends Error {
  constructor(
    message: string,
    readonly changeSet: ChangeSetEntry[],
  ) {
    super(message);
    this.name = 'ApplyError';
  }
}

/** Options of {@link applyAllStaged}. */
export interface StagedApplyOptions {
  fieldManager: string;
  /** `spec.force`: recreate objects whose dry-run fails on immutable fields. */
  force?: boolean;
  /**
   * Wait for CRDs/Namespaces/ClusterRoles, then `*Class` objects, to be Current before the next
   * stage (Flux: poll 2s, the Kustomization timeout); also bounds force-deletion waits.
   */
  stageWait?: { intervalMs: number; timeoutMs: number; signal?: AbortSignal };
  /** Take over kubectl/legacy field ownership unless `ssa: Merge` (default true). */
  cleanup?: boolean;
  /** Dry-runs in flight at once within a stage (Flux's `--concurrent-ssa`, default 4). */
  concurrency?: number;
}

/** kustomize-controller's `--concurrent-ssa` default. */
export const DEFAULT_SSA_CONCURRENCY = 4;

/**
 * What an apply can change, as compared between a dry-run and the live object: labels,
 * annotations and everything but metadata and status (keys sorted). Pure.
 */
export function applyComparable(obj: KubeObject): Record<string, unknown> {
  const { metadata, status: _status, ...rest } = obj as KubeObject & { status?: unknown };
  return {
    metadata: { labels: metadata.labels ?? {}, annotations: metadata.annotations ?? {} },
    ...(sortKeys(rest) as Record<string, unknown>),
  };
}

/** Drops the fields that differ between a dry-run and the live object without a real change. */
function comparable(obj: KubeObject): string {
  return JSON.stringify(applyComparable(obj));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Whether Flux's opt-out annotations/labels (`reconcile: disabled`, `ssa: Ignore`) say to leave this object alone. */
export function isReconcileDisabled(obj: KubeObject | undefined): boolean {
  return anyInMetadata(obj, EXCLUSION_SELECTOR);
}

const refOf = (obj: KubeObject): ObjectRef => ({
  apiVersion: obj.apiVersion,
  kind: obj.kind,
  namespace: obj.metadata.namespace,
  name: obj.metadata.name,
});

/** A planned apply: the change-set entry, and whether the object must be written. */
interface PlannedApply {
  entry: ChangeSetEntry;
  write: boolean;
}

async function waitDeleted(
  resources: Resources,
  obj: KubeObject,
  options: StagedApplyOptions,
): Promise<void> {
  const intervalMs = options.stageWait?.intervalMs ?? 2000;
  const deadline = Date.now() + (options.stageWait?.timeoutMs ?? 60_000);
  while ((await resources.get(refOf(obj))) !== undefined) {
    if (Date.now() > deadline)
      throw new Error(
        `${objectSubject(obj)} immutable field detected, failed to wait for object to be deleted`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
    options.stageWait?.signal?.throwIfAborted();
  }
}

/** Dry-runs one object (recreating it on immutable errors when forced), cleans metadata, and decides. */
async function planObject(
  resources: Resources,
  obj: KubeObject,
  options: StagedApplyOptions,
): Promise<PlannedApply> {
  const subject = objectSubject(obj);
  // Like fluxcd/pkg, a failed read (e.g. Forbidden) is left for the dry-run to report with the object's name.
  let live = await resources.get(refOf(obj)).catch(() => undefined);
  if (shouldSkipApply(obj, live)) return { entry: { subject, action: 'skipped', object: obj }, write: false };
  let dryRun: KubeObject;
  try {
    dryRun = await resources.apply(obj, { fieldManager: options.fieldManager, dryRun: true });
  } catch (error) {
    if (!live || !shouldForceApply(obj, live, options.force ?? false, error))
      throw new Error(dryRunErrorMessage(obj, error));
    await resources.delete(refOf(obj), 'Background').catch((e: unknown) => {
      throw new Error(`${subject} immutable field detected, failed to delete object: ${errorMessage(e)}`);
    });
    await waitDeleted(resources, obj, options);
    live = undefined;
    dryRun = await resources
      .apply(obj, { fieldManager: options.fieldManager, dryRun: true })
      .catch((e: unknown) => {
        throw new Error(dryRunErrorMessage(obj, e));
      });
  }
  let cleaned = false;
  if (live && options.cleanup !== false && !skipsCleanup(obj, live)) {
    const patch = metadataCleanupPatch(live, options.fieldManager);
    if (patch) {
      await resources.jsonPatch(refOf(obj), patch, options.fieldManager).catch((e: unknown) => {
        throw new Error(`${subject} metadata.managedFields cleanup failed: ${errorMessage(e)}`);
      });
      cleaned = true;
    }
  }
  if (live && !cleaned && comparable(dryRun) === comparable(live))
    return { entry: { subject, action: 'unchanged', object: obj }, write: false };
  return { entry: { subject, action: live ? 'configured' : 'created', object: obj }, write: true };
}

/**
 * fluxcd/pkg `ApplyAll`: every object is dry-run first, `concurrency` at a time (Flux's
 * `--concurrent-ssa`); only then are the drifted ones written, one after another, in order. When
 * several dry-runs fail, the first failing object in stage order is reported, so the message does
 * not depend on timing.
 */
async function applyStage(
  resources: Resources,
  stage: readonly KubeObject[],
  options: StagedApplyOptions,
  done: ChangeSetEntry[],
): Promise<ChangeSetEntry[]> {
  const outcomes = await mapLimit(stage, options.concurrency ?? DEFAULT_SSA_CONCURRENCY, (obj) =>
    planObject(resources, obj, options),
  );
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw new ApplyError(errorMessage(failed.reason), done);
  const plans = outcomes.map((o) => (o as PromiseFulfilledResult<PlannedApply>).value);
  for (const plan of plans.filter((p) => p.write)) {
    try {
      await resources.apply(plan.entry.object, { fieldManager: options.fieldManager });
    } catch (error) {
      throw new ApplyError(`${plan.entry.subject} apply failed: ${errorMessage(error)}`, done);
    }
  }
  return plans.map((p) => p.entry);
}

/**
 * Server-side applies objects in Flux's stages (CRDs/Namespaces/ClusterRoles, then `*Class`
 * kinds, then the rest), waiting for the first two to be Current when `stageWait` is given.
 * Each object is dry-run first and written only when it drifted, so unchanged objects keep
 * their resourceVersion; `ssa: IfNotPresent|Ignore`, `reconcile: disabled`, `ssa: Merge`,
 * `spec.force` and `force: enabled` behave as in kustomize-controller. Returns the change set.
 */
export async function applyAllStaged(
  resources: Resources,
  objects: readonly KubeObject[],
  options: StagedApplyOptions,
): Promise<ChangeSetEntry[]> {
  const changeSet: ChangeSetEntry[] = [];
  for (const stage of applyStages(objects)) {
    const entries = await applyStage(resources, stage, options, [...changeSet]);
    changeSet.push(...entries);
    const wait = options.stageWait;
    if (!wait || !stage.every((o) => isClusterDefinition(o) || isClassDefinition(o))) continue;
    try {
      await waitForSet(
        (t) => resources.get(t),
        entries.map((e) => refOf(e.object)),
        { intervalMs: wait.intervalMs, timeoutMs: wait.timeoutMs, failFast: false, signal: wait.signal },
      );
    } catch (error) {
      if (!(error instanceof WaitError)) throw error;
      throw new ApplyError(error.message, changeSet);
    }
  }
  return changeSet;
}
