import type { ObjectReader } from '../../kube/cached-reader.js';
import type { Resources } from '../../kube/resources.js';
import type { ReconcileRequest } from '../../runtime/controller.js';
import type { ArtifactStore } from '../../sources/artifact-store.js';
import { ConditionType, Reason } from '../../api/meta.js';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import { markFalse, markStalled } from '../../runtime/conditions.js';
import {
  ensureFinalizer,
  recordHandledRequest,
  removeFinalizer,
  StatusPatcher,
  type FluxObject,
} from './flux-object.js';

/** The field manager and event source of every source reconciler, as source-controller names itself. */
export const SOURCE_CONTROLLER = 'source-controller';

/**
 * The start every source reconcile shares: read the object (from the engine's cache when it
 * has one); when it is being deleted, remove
 * its artifacts and the finalizer; otherwise make sure the finalizer is there and hand back the
 * object with a status patcher. Undefined means there is nothing more to do.
 */
export async function beginSourceReconcile<T extends FluxObject>(
  deps: { resources: Resources; store: ArtifactStore; reader?: ObjectReader },
  kind: string,
  request: ReconcileRequest,
): Promise<{ obj: T; status: StatusPatcher } | undefined> {
  const { resources, store } = deps;
  const found = await (deps.reader ?? resources).get<T>({ apiVersion: SOURCE_API_VERSION, kind, ...request });
  if (!found) return undefined;
  if (found.metadata.deletionTimestamp) {
    await store.removeAll(kind, request.namespace, request.name);
    await removeFinalizer(resources, found, SOURCE_CONTROLLER);
    return undefined;
  }
  const obj = await ensureFinalizer(resources, found, SOURCE_CONTROLLER);
  return { obj, status: new StatusPatcher(resources, obj, SOURCE_CONTROLLER) };
}

/** `invalid spec: <path>: <problem>; …` for a spec that fails its schema. Pure. */
export function invalidSpecMessage(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return `invalid spec: ${issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`;
}

/** Stalled and Ready=False `URLInvalid` for a spec that fails its schema, as source-controller marks it. */
export function markInvalidSpec(
  obj: FluxObject,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): void {
  const message = invalidSpecMessage(issues);
  markStalled(obj, Reason.URLInvalid, message);
  markFalse(obj, ConditionType.Ready, Reason.URLInvalid, message);
}

/**
 * A suspended source is left as it is; only a reconcile request is acknowledged
 * (`lastHandledReconcileAt`). True when the caller should stop here.
 */
export async function skipWhileSuspended(obj: FluxObject, status: StatusPatcher): Promise<boolean> {
  if (!obj.spec.suspend) return false;
  recordHandledRequest(obj);
  await status.patch();
  return true;
}
