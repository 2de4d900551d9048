import { errorMessage } from '../runtime/errors.js';
import { mapLimit } from '../runtime/map-limit.js';
import { applyComparable, DEFAULT_SSA_CONCURRENCY } from './apply.js';
import { dryRunErrorMessage, shouldSkipApply } from './apply-policy.js';
import { fieldDiff, maskSecretData, type FieldChange } from './field-diff.js';
import type { KubeObject } from './objects.js';
import { objectSubject } from './objects.js';
import type { Resources } from './resources.js';

/** What the next apply would do to one object. */
export interface PlannedObject {
  subject: string;
  action: 'created' | 'configured' | 'unchanged' | 'skipped' | 'failed';
  /** For `configured`: the fields that would change (Secret data masked); for `created`: none. */
  changes: FieldChange[];
  /** More fields changed than {@link PLAN_FIELD_LIMIT}. */
  truncated: boolean;
  /** For `failed`: the dry-run's error, as the apply would report it. */
  error?: string;
}

/** Changes listed per object. */
export const PLAN_FIELD_LIMIT = 100;

const isSecret = (obj: KubeObject): boolean => obj.kind === 'Secret' && obj.apiVersion === 'v1';

async function planOne(resources: Resources, obj: KubeObject, fieldManager: string): Promise<PlannedObject> {
  const subject = objectSubject(obj);
  const ref = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
  };
  const live = await resources.get(ref).catch(() => undefined);
  const none = { changes: [], truncated: false };
  if (shouldSkipApply(obj, live)) return { subject, action: 'skipped', ...none };
  let desired: KubeObject;
  try {
    desired = await resources.apply(obj, { fieldManager, dryRun: true });
  } catch (error) {
    return { subject, action: 'failed', ...none, error: dryRunErrorMessage(obj, error) };
  }
  if (!live) return { subject, action: 'created', ...none };
  let [before, after] = [applyComparable(live), applyComparable(desired)];
  if (isSecret(obj)) [before, after] = maskSecretData(before, after);
  const changes = fieldDiff(before, after, PLAN_FIELD_LIMIT + 1);
  if (changes.length === 0) return { subject, action: 'unchanged', ...none };
  return {
    subject,
    action: 'configured',
    changes: changes.slice(0, PLAN_FIELD_LIMIT),
    truncated: changes.length > PLAN_FIELD_LIMIT,
  };
}

/**
 * `flux diff kustomization`'s comparison: each object is server-side applied with `dryRun=All`
 * (what the API server would store, defaults and admission included) and compared with the
 * live object the way the apply decides (labels, annotations, everything but other metadata
 * and status). Nothing is written. `concurrency` dry-runs at a time, as the apply does.
 */
export async function planApply(
  resources: Resources,
  objects: readonly KubeObject[],
  options: { fieldManager: string; concurrency?: number },
): Promise<PlannedObject[]> {
  const settled = await mapLimit(objects, options.concurrency ?? DEFAULT_SSA_CONCURRENCY, (obj) =>
    planOne(resources, obj, options.fieldManager),
  );
  return settled.map((s, i) =>
    s.status === 'fulfilled'
      ? s.value
      : {
          subject: objectSubject(objects[i] as KubeObject),
          action: 'failed' as const,
          changes: [],
          truncated: false,
          error: errorMessage(s.reason),
        },
  );
}
