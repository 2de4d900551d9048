import { ConditionType, Reason } from '../../api/meta.js';
import type { ChangeSetEntry } from '../../kube/apply.js';
import { celStatusReader } from '../../kube/health/cel-health.js';
import { waitForSet, WaitError } from '../../kube/health/wait.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  deleteCondition,
  isTrue,
  markFalse,
  markReconciling,
  markTrue,
  markUnknown,
} from '../../runtime/conditions.js';
import { formatDuration } from '../../runtime/duration.js';
import { healthCheckTargets } from './health-targets.js';
import { KsMessages } from './messages.js';
import { emitEvent, StepFailure, type ApplyContext } from './step-context.js';

/** Flux polls health every 5s. */
export const HEALTH_CHECK_INTERVAL_MS = 5000;

/** What the apply step produced, as the health step needs it. */
export interface AppliedResult {
  changeSet: ChangeSetEntry[];
  objects: KubeObject[];
  /** Whether the apply created or configured anything. */
  drifted: boolean;
  /** Whether this revision differs from `status.lastAppliedRevision`. */
  isNewRevision: boolean;
}

/**
 * kustomize-controller's checkHealth: with `wait`/`healthChecks`, mark Reconciling and
 * Healthy=Unknown, wait for kstatus Current, then set Healthy=True (emitting "Health check
 * passed" when recovering or on a new revision with changes) or fail with HealthCheckFailed.
 * Without checks the Healthy condition is removed.
 */
export async function checkHealth(ctx: ApplyContext, applied: AppliedResult): Promise<void> {
  const { obj, deps } = ctx;
  const self = { name: obj.metadata.name, namespace: obj.metadata.namespace ?? 'default' };
  const targets = healthCheckTargets(obj.spec, applied.changeSet, applied.objects, self);
  if (!targets) {
    deleteCondition(obj, ConditionType.Healthy);
    return;
  }
  const wasHealthy = isTrue(obj, ConditionType.Healthy);
  const running = KsMessages.healthChecking(ctx.revision, ctx.timeoutMs);
  markReconciling(obj, Reason.Progressing, running);
  markUnknown(obj, ConditionType.Healthy, Reason.Progressing, running);
  await ctx.status.patch();
  const started = performance.now();
  try {
    await waitForSet((t) => ctx.target.get(t), targets, {
      intervalMs: deps.healthCheckIntervalMs ?? HEALTH_CHECK_INTERVAL_MS,
      timeoutMs: ctx.timeoutMs,
      failFast: deps.failFast ?? true,
      signal: ctx.signal,
      custom: celStatusReader(obj.spec.healthCheckExprs ?? []),
    });
  } catch (error) {
    if (!(error instanceof WaitError)) throw error;
    const message = `health check failed after ${formatDuration(performance.now() - started)}: ${error.message}`;
    markFalse(obj, ConditionType.Healthy, Reason.HealthCheckFailed, error.message);
    throw new StepFailure(Reason.HealthCheckFailed, message);
  }
  const passed = `Health check passed in ${formatDuration(performance.now() - started)}`;
  if (!wasHealthy || (applied.isNewRevision && applied.drifted)) await emitEvent(ctx, 'Normal', passed);
  markTrue(obj, ConditionType.Healthy, Reason.Succeeded, passed);
  await ctx.status.patch();
}
