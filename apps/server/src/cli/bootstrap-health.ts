import type { Resources } from '@tideline/core';
import { CliError } from './cli-error.js';
import type { CliKind } from './flux-kinds.js';
import type { FluxObject } from './get-rows.js';
import { getObject } from './kind-access.js';
import { POLL_INTERVAL_MS } from './reconcile-wait.js';
import type { Say } from './say.js';

type Condition = { type: string; status: string; message: string };
type SyncStatus = {
  observedGeneration?: number;
  conditions?: Condition[];
  artifact?: { revision?: string };
  lastAttemptedRevision?: string;
};

/** Where bootstrap's wait stands: still going, done, or a failure with flux's message. */
export type SyncState = { state: 'pending' } | { state: 'ready' } | { state: 'failed'; message: string };

/**
 * Whether a sync object reconciled the pushed commit, as flux's bootstrap `objectReconciled`
 * decides: a suspended object fails (the wait would never end), a status for an older
 * generation is pending, Ready=True counts once the revision is the expected one (a source's
 * `status.artifact.revision`, a Kustomization's `status.lastAttemptedRevision`), Ready=False
 * fails with its message. Pure.
 */
export function syncObjectState(obj: FluxObject, expectRevision: string): SyncState {
  const spec = (obj.spec ?? {}) as { suspend?: boolean };
  const ref = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
  if (spec.suspend === true) return { state: 'failed', message: `${obj.kind} '${ref}' is suspended` };
  const status = (obj.status ?? {}) as SyncStatus;
  if (status.observedGeneration !== undefined && status.observedGeneration !== obj.metadata.generation)
    return { state: 'pending' };
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'False') return { state: 'failed', message: ready.message };
  if (ready?.status !== 'True') return { state: 'pending' };
  const revision = obj.kind === 'Kustomization' ? status.lastAttemptedRevision : status.artifact?.revision;
  return revision === expectRevision ? { state: 'ready' } : { state: 'pending' };
}

/**
 * flux's `ReportGitRepoHealth`/`ReportKustomizationHealth`: `◎ waiting for <Kind> "ns/name" to
 * be reconciled`, polling until {@link syncObjectState} decides; `✔ <Kind> reconciled
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
  let why: string;
  for (;;) {
    const obj = await getObject(resources, kind, ref.namespace, ref.name);
    if (!obj)
      throw new CliError(`${kind.kind} object '${ref.name}' not found in "${ref.namespace}" namespace`);
    const state = syncObjectState(obj, wait.expectRevision);
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
