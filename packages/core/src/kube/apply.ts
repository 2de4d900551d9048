import { isNotFound, KubeApiError } from './errors.js';
import type { KubeObject } from './objects.js';
import { objectSubject } from './objects.js';
import { applyStages } from './apply-order.js';
import type { Resources } from './resources.js';

/** What happened to one object. */
export type ChangeAction = 'created' | 'configured' | 'unchanged' | 'deleted' | 'skipped';

/** One change-set entry, as fluxcd/pkg/ssa reports it. */
export interface ChangeSetEntry {
  subject: string;
  action: ChangeAction;
  object: KubeObject;
}

/** Raised when applying an object fails; carries the partial change set. */
export class ApplyError extends Error {
  constructor(
    message: string,
    readonly changeSet: ChangeSetEntry[],
  ) {
    super(message);
    this.name = 'ApplyError';
  }
}

/** Drops the fields that differ between a dry-run and the live object without a real change. */
function comparable(obj: KubeObject): string {
  const { metadata, status: _status, ...rest } = obj as KubeObject & { status?: unknown };
  return JSON.stringify({ labels: metadata.labels ?? {}, annotations: metadata.annotations ?? {}, rest: sortKeys(rest) });
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

const SKIP_VALUES = new Set(['disabled', 'ignore']);

/** Whether Flux's opt-out annotations/labels say to leave this object alone. Case-insensitive, as Flux compares. */
export function isReconcileDisabled(obj: KubeObject | undefined): boolean {
  if (!obj) return false;
  const meta = { ...(obj.metadata.labels ?? {}), ...(obj.metadata.annotations ?? {}) };
  const reconcile = meta['kustomize.toolkit.fluxcd.io/reconcile']?.toLowerCase();
  const ssa = meta['kustomize.toolkit.fluxcd.io/ssa']?.toLowerCase();
  return (reconcile !== undefined && SKIP_VALUES.has(reconcile)) || ssa === 'ignore';
}

/**
 * Server-side applies objects in stages (CRDs/Namespaces/ClusterRoles, then `*Class` kinds,
 * then the rest). Each object is dry-run first and written only when it drifted, so unchanged
 * objects keep their resourceVersion. Returns the change set in apply order.
 */
export async function applyAllStaged(
  resources: Resources,
  objects: readonly KubeObject[],
  options: { fieldManager: string },
): Promise<ChangeSetEntry[]> {
  const changeSet: ChangeSetEntry[] = [];
  for (const stage of applyStages(objects)) {
    for (const obj of stage) {
      const subject = objectSubject(obj);
      try {
        const live = await resources.get({
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          namespace: obj.metadata.namespace,
          name: obj.metadata.name,
        });
        if (isReconcileDisabled(obj) || isReconcileDisabled(live)) {
          changeSet.push({ subject, action: 'skipped', object: obj });
          continue;
        }
        if (live) {
          const dryRun = await resources.apply(obj, { fieldManager: options.fieldManager, dryRun: true });
          if (comparable(dryRun) === comparable(live)) {
            changeSet.push({ subject, action: 'unchanged', object: obj });
            continue;
          }
        }
        await resources.apply(obj, { fieldManager: options.fieldManager });
        changeSet.push({ subject, action: live ? 'configured' : 'created', object: obj });
      } catch (error) {
        const detail = error instanceof KubeApiError || error instanceof Error ? error.message : String(error);
        const prefix = isNotFound(error) ? `${subject} not found` : `${subject} dry-run failed`;
        throw new ApplyError(`${prefix}: ${detail}`, changeSet);
      }
    }
  }
  return changeSet;
}
