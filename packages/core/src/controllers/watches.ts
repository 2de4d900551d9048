import { RECONCILE_REQUESTED_ANNOTATION } from '../api/meta.js';
import type { KubeObject } from '../kube/objects.js';

/**
 * Flux's watch predicate for its own objects: a new generation, a new reconcile request, or a
 * deletion. Status-only updates (our own writes) do not wake the reconciler. Pure.
 */
export function shouldReconcileOnUpdate(obj: KubeObject, old: KubeObject): boolean {
  if (obj.metadata.generation !== old.metadata.generation) return true;
  if (
    obj.metadata.annotations?.[RECONCILE_REQUESTED_ANNOTATION] !==
    old.metadata.annotations?.[RECONCILE_REQUESTED_ANNOTATION]
  )
    return true;
  return obj.metadata.deletionTimestamp !== undefined && old.metadata.deletionTimestamp === undefined;
}

/** The artifact revision of a source, if any. */
export function artifactRevision(obj: KubeObject): string | undefined {
  return (obj as { status?: { artifact?: { revision?: string } } }).status?.artifact?.revision;
}

/** Whether an object turned Ready=True with this update (for waking dependents). Pure. */
export function becameReady(obj: KubeObject, old: KubeObject | undefined): boolean {
  const ready = (o: KubeObject | undefined): boolean =>
    (
      o as { status?: { conditions?: { type: string; status: string }[] } } | undefined
    )?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  const applied = (o: KubeObject | undefined): string | undefined =>
    (o as { status?: { lastAppliedRevision?: string } } | undefined)?.status?.lastAppliedRevision;
  return ready(obj) && (!ready(old) || applied(obj) !== applied(old));
}
