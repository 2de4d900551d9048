import { RECONCILE_REQUESTED_ANNOTATION } from '../../api/meta.js';
import type { Hr } from './release-spec.js';

/** `reconcile.fluxcd.io/forceAt`: a one-off forced install/upgrade. */
export const FORCE_REQUESTED_ANNOTATION = 'reconcile.fluxcd.io/forceAt';
/** `reconcile.fluxcd.io/resetAt`: a one-off reset of the failure counters. */
export const RESET_REQUESTED_ANNOTATION = 'reconcile.fluxcd.io/resetAt';

/**
 * fluxcd/pkg `HandleAnnotationRequest`: true once for a request annotation whose value equals
 * `requestedAt` while that reconcile request is not handled yet. The last-handled status field
 * takes the annotation's value whenever it is present. Mutates `hr.status`.
 */
function handle(hr: Hr, annotation: string, field: 'lastHandledForceAt' | 'lastHandledResetAt'): boolean {
  const annotations = hr.metadata.annotations ?? {};
  const request = annotations[annotation];
  const reconcileAt = annotations[RECONCILE_REQUESTED_ANNOTATION];
  if (request === undefined) return false;
  const status = (hr.status ??= {});
  const lastHandled = status[field] ?? '';
  status[field] = request;
  return (
    reconcileAt !== undefined &&
    request === reconcileAt &&
    (status.lastHandledReconcileAt ?? '') !== reconcileAt &&
    lastHandled !== request
  );
}

/** `meta.ShouldHandleForceRequest`. Mutates `hr.status`. */
export const shouldHandleForce = (hr: Hr): boolean =>
  handle(hr, FORCE_REQUESTED_ANNOTATION, 'lastHandledForceAt');

/** `v2.ShouldHandleResetRequest`. Mutates `hr.status`. */
export const shouldHandleReset = (hr: Hr): boolean =>
  handle(hr, RESET_REQUESTED_ANNOTATION, 'lastHandledResetAt');
