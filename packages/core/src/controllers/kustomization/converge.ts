import { Reason } from '../../api/meta.js';
import { markReconciling } from '../../runtime/conditions.js';
import { applyAndPrune } from './apply-step.js';
import { buildManifests } from './build-step.js';
import { checkHealth } from './health-step.js';
import { upsertHistory } from './history.js';
import { KsMessages } from './messages.js';
import { StepFailure, type ApplyContext } from './step-context.js';

/** Failures Flux records in `status.history` (build failures have no digest yet). */
const HISTORY_FAILURES = new Set<string>([
  Reason.ReconciliationFailed,
  Reason.PruneFailed,
  Reason.HealthCheckFailed,
]);

/**
 * From an unpacked artifact to a converged cluster: build, detect drift and apply, prune,
 * check health; every outcome after the build is recorded in `status.history` under the
 * digest of the built manifests.
 */
export async function converge(
  ctx: ApplyContext,
  root: string,
  dir: string,
  startedMs: number,
): Promise<void> {
  const { obj } = ctx;
  const { objects, digest, redact } = await buildManifests(ctx, root, dir);
  const record = (status: string): void => {
    const metadata = { revision: ctx.revision };
    obj.status = {
      ...obj.status,
      history: upsertHistory(obj.status?.history, {
        digest,
        status,
        at: new Date(),
        durationMs: performance.now() - startedMs,
        metadata,
      }),
    };
  };
  markReconciling(obj, Reason.Progressing, KsMessages.detecting(ctx.revision, ctx.timeoutMs));
  await ctx.status.patch();
  try {
    const { changeSet, drifted } = await applyAndPrune(ctx, objects);
    const isNewRevision = obj.status?.lastAppliedRevision !== ctx.revision;
    await checkHealth(ctx, { changeSet, objects, drifted, isNewRevision });
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    if (HISTORY_FAILURES.has(error.reason)) record(error.reason);
    const message = redact(error.message);
    throw message === error.message
      ? error
      : new StepFailure(
          error.reason,
          message,
          error.requeueAfterMs,
          error.eventMessage && redact(error.eventMessage),
        );
  }
  record(Reason.ReconciliationSucceeded);
}
