import { Reason } from '../../api/meta.js';
import { GitRepositoryConditionType } from '../../api/source-v1.js';
import type { Resources } from '../../kube/resources.js';
import { deleteCondition, markFalse, markStalled, markTrue } from '../../runtime/conditions.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import type { CheckedOut } from './checkout.js';
import { failRun } from './failure.js';
import type { GitRepositoryRun } from './run.js';
import { verifyCheckout } from './verification.js';

/** What the verification step needs from the reconciler. */
export interface VerifyStepDeps {
  resources: Resources;
  events: EventRecorder;
  workDir: string;
  gpgBin?: string;
}

/**
 * `spec.verify`: SourceVerified=True with what was verified by which key, or False with
 * Flux's reason (Ready=False too, no new artifact; a tag mode without a tag ref stalls).
 * Without `spec.verify` the condition and `status.sourceVerificationMode` go.
 */
export async function verifySource(
  deps: VerifyStepDeps,
  run: GitRepositoryRun,
  dir: string,
  checked: CheckedOut,
): Promise<void> {
  const { obj, spec } = run;
  if (!spec.verify) {
    deleteCondition(obj, GitRepositoryConditionType.SourceVerified);
    if (obj.status) delete obj.status.sourceVerificationMode;
    return;
  }
  const outcome = await verifyCheckout(spec.verify, {
    resources: deps.resources,
    namespace: obj.metadata.namespace ?? 'default',
    dir,
    strategy: run.strategy,
    commit: checked.checkout.commit,
    revision: checked.revision,
    git: run.git,
    tools: { gpgBin: deps.gpgBin, workDir: deps.workDir, timeoutMs: run.git.timeoutMs },
  });
  if (!outcome.ok) {
    markFalse(obj, GitRepositoryConditionType.SourceVerified, outcome.reason, outcome.message);
    if (outcome.stalled) markStalled(obj, outcome.reason, outcome.message);
    return failRun(deps.events, run, undefined, outcome.reason, outcome.message, undefined, outcome.stalled);
  }
  markTrue(obj, GitRepositoryConditionType.SourceVerified, Reason.Succeeded, outcome.message);
  obj.status = { ...obj.status, sourceVerificationMode: outcome.mode };
  await deps.events.record(obj, 'Normal', Reason.Succeeded, outcome.message);
}
