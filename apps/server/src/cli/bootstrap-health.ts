import { RECONCILE_REQUESTED_ANNOTATION, storageApiVersion, type Resources } from '@tideline/core';
import { CliError } from './cli-error.js';
import type { CliKind } from './flux-kinds.js';
import type { FluxObject } from './get-rows.js';
import { getObject } from './kind-access.js';
import { POLL_INTERVAL_MS } from './reconcile-wait.js';
import type { Say } from './say.js';

type Condition = { type: string; status: string; message: string; observedGeneration?: number };
type SyncStatus = {
  observedGeneration?: number;
  conditions?: Condition[];
  artifact?: { revision?: string };
  lastAttemptedRevision?: string;
  lastHandledReconcileAt?: string;
};

/** Where bootstrap's wait stands: still going, done, or a failure with flux's message. */
export type SyncState = { state: 'pending' } | { state: 'ready' } | { state: 'failed'; message: string };

/**
 * Whether a sync object reconciled the pushed commit, as flux's bootstrap `objectReconciled`
 * decides: a suspended object fails (the wait would never end), a Ready condition of an older
 * generation is pending, Ready=True counts once the revision is the expected one (a source's
 * `status.artifact.revision`, a Kustomization's `status.lastAttemptedRevision`), Ready=False
 * fails with its message — but only once the reconcile bootstrap requested (`requestedAt`) was
 * handled, so a failure left from before (an old commit, old credentials, a source without an
 * artifact yet) is never taken for the result. Pure.
 */
export function syncObjectState(obj: FluxObject, expectRevision: string, requestedAt?: string): SyncState {
  const spec = (obj.spec ?? {}) as { suspend?: boolean };
  const ref = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
  if (spec.suspend === true) return { state: 'failed', message: `${obj.kind} '${ref}' is suspended` };
  const status = (obj.status ?? {}) as SyncStatus;
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  // The condition's own generation when it has one, else the status's (flux's isObjectReady):
  // a failing Kustomization never advances status.observedGeneration (-1 until it succeeds).
  if ((ready?.observedGeneration || status.observedGeneration) !== obj.metadata.generation)
    return { state: 'pending' };
  if (ready?.status === 'False') {
    const handled = requestedAt === undefined || status.lastHandledReconcileAt === requestedAt;
    return handled ? { state: 'failed', message: ready.message } : { state: 'pending' };
  }
  if (ready?.status !== 'True') return { state: 'pending' };
  const revision = obj.kind === 'Kustomization' ? status.lastAttemptedRevision : status.artifact?.revision;
  return revision === expectRevision ? { state: 'ready' } : { state: 'pending' };
}

/** Asks for a reconcile now (`reconcile.fluxcd.io/requestedAt`, as `flux reconcile`); resolves the value. */
async function requestReconcile(
  resources: Resources,
  kind: CliKind,
  ref: { namespace: string; name: string },
): Promise<string> {
  const requestedAt = new Date().toISOString();
  await resources.mergePatch(
    { apiVersion: storageApiVersion(kind), kind: kind.kind, ...ref },
    { metadata: { annotations: { [RECONCILE_REQUESTED_ANNOTATION]: requestedAt } } },
  );
  return requestedAt;
}

/**
 * flux's `ReportGitRepoHealth`/`ReportKustomizationHealth`: `◎ waiting for <Kind> "ns/name" to
 * be reconciled`, a reconcile requested (flux waits for the interval instead), polling until {@link syncObjectState} decides; `✔ <Kind> reconciled
 * successfully`, or `✗ <why>` and an error worded as flux's (`error while waiting for <Kind> to
 * be ready: '<why>'`). At the deadline a not-ready object is named with its Ready message.
 */
export async function reportSyncHealth(
  resources: Resources,
  say: Say,
  kind: CliKind,
  ref: { namespace: string; name: string },
  wait: { expectRevision: string; deadline: number },
): Promise<string | undefined> {
  say.waiting(`waiting for ${kind.kind} "${ref.namespace}/${ref.name}" to be reconciled`);
  // The objects may be unchanged (a re-run, a new commit): without a request they would wait
  // for their interval, and an old Ready=False could not be told from the new result.
  const requestedAt = await requestReconcile(resources, kind, ref);
  let why: string;
  for (;;) {
    const obj = await getObject(resources, kind, ref.namespace, ref.name);
    if (!obj)
      throw new CliError(`${kind.kind} object '${ref.name}' not found in "${ref.namespace}" namespace`);
    const state = syncObjectState(obj, wait.expectRevision, requestedAt);
    if (state.state === 'ready') {
      say.success(`${kind.kind} reconciled successfully`);
      return undefined;
    }
    if (state.state === 'failed') {
      why = state.message;
      break;
    }
    if (Date.now() > wait.deadline) {
      const ready = ((obj.status ?? {}) as SyncStatus).conditions?.find((c) => c.type === 'Ready');
      why =
        ready && ready.status !== 'True'
          ? `${kind.kind.toLowerCase()} '${ref.namespace}/${ref.name}' not ready: '${ready.message}'`
          : 'context deadline exceeded';
      break;
    }
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
  say.failure(why);
  return `error while waiting for ${kind.kind} to be ready: '${why}'`;
}

/** flux's `bootstrap failed with N health check failure(s): …` (an aggregate: one, or `[a, b]`). Pure. */
export function healthFailure(errors: readonly string[]): string {
  const joined = errors.length === 1 ? (errors[0] ?? '') : `[${errors.join(', ')}]`;
  return `bootstrap failed with ${errors.length} health check failure(s): ${joined}`;
}
