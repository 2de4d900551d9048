import type { Condition } from '../../api/meta.js';
import { RECONCILE_REQUESTED_ANNOTATION, FLUX_FINALIZER } from '../../api/meta.js';
import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { statusMergePatch } from '../../kube/status-patch.js';

/** What every reconciled Flux object has. */
export interface FluxObject extends KubeObject {
  spec: { suspend?: boolean; interval: string };
  status?: {
    observedGeneration?: number;
    conditions?: Condition[];
    lastHandledReconcileAt?: string;
    [key: string]: unknown;
  };
}

/** The requestedAt annotation, if any. */
export function requestedAt(obj: KubeObject): string | undefined {
  return obj.metadata.annotations?.[RECONCILE_REQUESTED_ANNOTATION];
}

/** Copies requestedAt into status.lastHandledReconcileAt, as every Flux controller does at the end. */
export function recordHandledRequest(obj: FluxObject): void {
  const value = requestedAt(obj);
  if (value !== undefined) (obj.status ??= {}).lastHandledReconcileAt = value;
}

/** Adds `finalizers.fluxcd.io` when missing; returns the updated object. */
export async function ensureFinalizer<T extends FluxObject>(
  resources: Resources,
  obj: T,
  fieldManager: string,
): Promise<T> {
  const finalizers = obj.metadata.finalizers ?? [];
  if (finalizers.includes(FLUX_FINALIZER)) return obj;
  return resources.mergePatch<T>(
    {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
    },
    {
      metadata: {
        finalizers: [...finalizers, FLUX_FINALIZER],
        resourceVersion: obj.metadata.resourceVersion,
      },
    },
    fieldManager,
  );
}

/** Removes `finalizers.fluxcd.io` so a deletion can complete. */
export async function removeFinalizer(
  resources: Resources,
  obj: FluxObject,
  fieldManager: string,
): Promise<void> {
  const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== FLUX_FINALIZER);
  await resources
    .mergePatch(
      {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
      },
      { metadata: { finalizers: finalizers.length > 0 ? finalizers : null } },
      fieldManager,
    )
    .catch(() => undefined);
}

/**
 * Patches an object's status subresource with what changed since the last patch (or since it
 * was read): one merge patch, nothing when nothing changed.
 */
export class StatusPatcher {
  private sent: FluxObject['status'];

  constructor(
    private readonly resources: Resources,
    private readonly obj: FluxObject,
    private readonly fieldManager: string,
  ) {
    this.sent = snapshot(obj.status);
  }

  /** Sends the difference between the object's status now and the last sent one. */
  async patch(): Promise<void> {
    const current = (this.obj.status ?? {}) as Record<string, unknown>;
    const patch = statusMergePatch(this.sent as Record<string, unknown> | undefined, current);
    if (Object.keys(patch).length === 0) return;
    const { obj } = this;
    await this.resources.patchStatus(
      {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
      },
      patch,
      this.fieldManager,
    );
    this.sent = snapshot(obj.status);
  }
}

function snapshot(status: FluxObject['status']): FluxObject['status'] {
  return status === undefined ? undefined : (structuredClone(status) as FluxObject['status']);
}
