import { HelmReason } from '../../api/helmrelease-v2.js';
import { ConditionType, Reason } from '../../api/meta.js';
import type { StoredRevision } from '../../kube/helm-storage/release-storage.js';
import {
  deleteCondition,
  getCondition,
  isTrue,
  markFalse,
  markReconciling,
  markStalled,
  markUnknown,
} from '../../runtime/conditions.js';
import { errorMessage } from '../../runtime/errors.js';
import { shouldHandleForce } from './annotation-requests.js';
import { detectDrift, correctDrift } from './drift.js';
import { HrMessages } from './messages.js';
import { ACTION_DISPLAY, ACTION_TYPE, nextAction, PlanError, type ActionName } from './next-action.js';
import { runRelease } from './release-actions.js';
import { emit, knownVersions, type ReleaseContext } from './release-context.js';
import { releaseDigest } from './release-observation.js';
import { determineReleaseState, type ReleaseState } from './release-state.js';
import {
  actionTimeoutMs,
  driftMode,
  releaseName,
  specTimeoutMs,
  storageNamespace,
  type Hr,
} from './release-spec.js';
import { runRollback, runUninstallRemediation } from './remediation-actions.js';
import { activeRemediation, activeRetryIntervalMs } from './remediation.js';
import { summarize } from './summarize.js';
import { runTest } from './test-action.js';
import { runUnlock } from './unlock-action.js';

/** How an AtomicRelease run ended, as helm-controller's errors tell the caller. */
export type AtomicOutcome =
  { kind: 'done' } | { kind: 'retry-after'; ms: number } | { kind: 'requeue' } | { kind: 'stalled' };

/** The release state could not be determined or an action failed without writing a release. */
export class AtomicReleaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AtomicReleaseError';
  }
}

function timeoutFor(hr: Hr, action: ActionName): number {
  switch (action) {
    case 'install':
    case 'upgrade':
    case 'test':
    case 'rollback':
      return actionTimeoutMs(hr, action);
    case 'uninstall':
      return actionTimeoutMs(hr, 'uninstall');
    default:
      return specTimeoutMs(hr);
  }
}

async function determine(
  ctx: ReleaseContext,
  stored: StoredRevision[],
): Promise<{ state: ReleaseState; drift?: string }> {
  const { hr } = ctx;
  const latest = stored[0]?.release();
  const state = determineReleaseState(hr, latest, {
    chartName: ctx.chart.name,
    chartVersion: ctx.chart.version,
    values: ctx.values,
  });
  if (state.status !== 'InSync' || driftMode(hr) === 'disabled' || !latest) return { state };
  const drift = await detectDrift(ctx, latest);
  return drift ? { state: { status: 'Drifted' }, drift } : { state };
}

async function run(ctx: ReleaseContext, action: ActionName, stored: StoredRevision[]): Promise<void> {
  switch (action) {
    case 'install':
    case 'upgrade':
      return runRelease(ctx, action, stored[0]?.release());
    case 'test':
      return runTest(ctx);
    case 'unlock':
      return runUnlock(ctx);
    case 'rollback':
      return runRollback(ctx);
    case 'uninstall':
      return runUninstallRemediation(ctx);
    case 'correct-drift':
      return correctDrift(ctx);
  }
}

function stall(hr: Hr): AtomicOutcome {
  const remediation = activeRemediation(hr);
  markStalled(
    hr,
    HelmReason.RetriesExceeded,
    HrMessages.retriesExceeded(hr.status?.lastAttemptedReleaseAction ?? '', remediation?.failureCount ?? 0),
  );
  return { kind: 'stalled' };
}

function retryOrRequeue(ctx: ReleaseContext, afterRemediation: boolean): AtomicOutcome {
  const { hr } = ctx;
  const retry = activeRetryIntervalMs(hr, ctx.deps.defaultToRetryOnFailure);
  if (retry !== undefined) {
    markReconciling(hr, Reason.ProgressingWithRetry, HrMessages.retryingAfter(retry));
    return { kind: 'retry-after', ms: retry };
  }
  const remediation = activeRemediation(hr);
  if (
    !remediation ||
    !remediation.retriesExhausted ||
    (afterRemediation && remediation.isUninstallAfterUpgrade)
  ) {
    markReconciling(hr, Reason.ProgressingWithRetry, getCondition(hr, ConditionType.Ready)?.message ?? '');
    return { kind: 'requeue' };
  }
  if (afterRemediation) return stall(hr);
  deleteCondition(hr, ConditionType.Reconciling);
  return { kind: 'done' };
}

/**
 * The release's revisions: on the first pass one list from the API server's cache (the history
 * may not know of releases made by others), then reads by name of what is known.
 */
async function readStorage(
  ctx: ReleaseContext,
  previous: StoredRevision[] | undefined,
): Promise<StoredRevision[]> {
  const { hr, target } = ctx;
  const ns = storageNamespace(hr);
  const name = releaseName(hr);
  const known = [...knownVersions(hr), ...(previous ?? []).map((r) => r.version)];
  if (previous === undefined) {
    const cached = await target.storage.cachedHistory(ns, name);
    // The cache may lag our own last write: read the newest known revisions by name too.
    return known.length > 0
      ? target.storage.revisions(ns, name, [...known, ...cached.map((r) => r.version)])
      : cached;
  }
  return target.storage.revisions(ns, name, known);
}

/**
 * helm-controller's AtomicRelease: determine the release state, pick the next action, run it,
 * patch, and repeat, until nothing is left to do, an action type comes round again, or a
 * remediation ran. Out of retries stalls with `RetriesExceeded`.
 */
export async function atomicRelease(ctx: ReleaseContext): Promise<AtomicOutcome> {
  const { hr } = ctx;
  const done = new Set<string>();
  let stored: StoredRevision[] = [];
  let first = true;
  for (;;) {
    let determined: { state: ReleaseState; drift?: string };
    try {
      stored = await readStorage(ctx, first ? undefined : stored);
      first = false;
      determined = await determine(ctx, stored);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      markFalse(hr, ConditionType.Ready, HelmReason.StateError, HrMessages.stateError(errorMessage(error)));
      throw new AtomicReleaseError(`cannot determine release state: ${errorMessage(error)}`);
    }
    let plan;
    try {
      plan = nextAction(hr, determined.state, {
        forceRequested: shouldHandleForce(hr),
        defaultToRetryOnFailure: ctx.deps.defaultToRetryOnFailure ?? false,
        driftSummary: determined.drift,
        verifyRollbackTarget: (snapshot) => {
          const rev = snapshot ? stored.find((r) => r.version === snapshot.version) : undefined;
          if (!snapshot || !rev) return snapshot ? 'corrupt' : 'missing';
          return snapshot.apiVersion !== 'v2' ||
            releaseDigest(rev.release(), snapshot.ociDigest) === snapshot.digest
            ? 'ok'
            : 'corrupt';
        },
      });
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      if (error.kind === 'RetriesExceeded') return stall(hr);
      markStalled(hr, HelmReason.MissingRollbackTarget, `Failed to perform remediation: ${error.message}`);
      return { kind: 'stalled' };
    }
    if (plan.driftEvent) await emit(ctx, 'Warning', HelmReason.DriftDetected, plan.driftEvent);
    const next = plan.next;
    if (!next) {
      deleteCondition(hr, ConditionType.Reconciling);
      summarize(hr);
      return { kind: 'done' };
    }
    const type = ACTION_TYPE[next];
    if (done.has(type)) return retryOrRequeue(ctx, false);
    const message = HrMessages.runningAction(ACTION_DISPLAY[next], timeoutFor(hr, next));
    markReconciling(hr, Reason.Progressing, message);
    if (type === 'release') markUnknown(hr, ConditionType.Ready, Reason.Progressing, message);
    await ctx.status.patch();
    try {
      await run(ctx, next, stored);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      const retry = activeRetryIntervalMs(hr, ctx.deps.defaultToRetryOnFailure);
      if (retry !== undefined) {
        markReconciling(hr, Reason.ProgressingWithRetry, HrMessages.retryingAfter(retry));
        return { kind: 'retry-after', ms: retry };
      }
      if (isTrue(hr, ConditionType.Ready))
        markFalse(hr, ConditionType.Ready, HelmReason.ReconcileError, errorMessage(error));
      throw new AtomicReleaseError(errorMessage(error));
    }
    if (type === 'remediate') return retryOrRequeue(ctx, true);
    done.add(type);
    await ctx.status.patch();
  }
}
