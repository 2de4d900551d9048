import type { Resources } from '@tideline/core';
import { CliError } from './cli-error.js';
import type { CliKind } from './flux-kinds.js';
import type { FluxObject } from './get-rows.js';
import { getObject } from './kind-access.js';

type Condition = { type: string; status: string; message: string; observedGeneration?: number };
type Status = { lastHandledReconcileAt?: string; observedGeneration?: number; conditions?: Condition[] };

/** How often the CLI polls an object while waiting (flux's `--poll-interval`, 2 s there). */
export const POLL_INTERVAL_MS = 1000;

/** The Ready condition of an object. Pure. */
export function readyOf(obj: FluxObject): Condition | undefined {
  return (obj.status as Status | undefined)?.conditions?.find((c) => c.type === 'Ready');
}

/**
 * Whether a reconcile has finished, as `flux` decides it: the request was handled (when one was
 * made), the Ready condition is for the current generation (flux's `isObjectReady`: the
 * condition's own observedGeneration when set, else the status's), and nothing is still in
 * progress. A Ready=False left from an earlier generation is pending, never the result;
 * Ready=False at the current generation is a failure, reported at once even while
 * `status.observedGeneration` lags (a retrying failure records no generation, which kstatus
 * would read as in progress until the timeout). Pure.
 */
export function reconcileDone(obj: FluxObject, requestedAt?: string): 'pending' | 'ready' | 'failed' {
  const status = (obj.status ?? {}) as Status;
  if (requestedAt !== undefined && status.lastHandledReconcileAt !== requestedAt) return 'pending';
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  if (!ready || ready.status === 'Unknown') return 'pending';
  const observed = ready.observedGeneration || status.observedGeneration;
  if (observed !== obj.metadata.generation) return 'pending';
  const reconciling = status.conditions?.some(
    (c) => c.type === 'Reconciling' && c.status === 'True' && ready.status !== 'False',
  );
  if (reconciling) return 'pending';
  return ready.status === 'True' ? 'ready' : 'failed';
}

/**
 * Polls an object until {@link reconcileDone} says it finished; resolves with the object (ready or
 * failed), or throws when it disappears or the timeout passes.
 */
export async function waitForReconcile(
  resources: Resources,
  kind: CliKind,
  ref: { namespace: string; name: string },
  options: { requestedAt?: string; timeoutMs: number },
): Promise<{ obj: FluxObject; state: 'ready' | 'failed' }> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const obj = await getObject(resources, kind, ref.namespace, ref.name);
    if (!obj)
      throw new CliError(`${kind.kind} object '${ref.name}' not found in "${ref.namespace}" namespace`);
    const state = reconcileDone(obj, options.requestedAt);
    if (state !== 'pending') return { obj, state };
    if (Date.now() > deadline)
      throw new CliError(`timed out waiting for ${kind.kind} ${ref.name} reconciliation`);
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
}
