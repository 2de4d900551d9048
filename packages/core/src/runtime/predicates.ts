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
