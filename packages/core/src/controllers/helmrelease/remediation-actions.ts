import { HelmConditionType, HelmReason, type Snapshot } from '../../api/helmrelease-v2.js';
import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import { markFalse, markTrue } from '../../runtime/conditions.js';
import { ownsHealthWait, rollbackFlags, uninstallFlags } from './action-flags.js';
import { waitForRelease } from './health-wait.js';
import { configDigest } from './config-digest.js';
import { fullReleaseName, latest, previous, versionedChartName } from './history.js';
import { updateInventory } from './inventory-step.js';
import { HrMessages } from './messages.js';
import { recordRollback, recordUpdates } from './observed-releases.js';
import { ActionError } from './release-actions.js';
import { emit, eventMeta, redactSecrets, runHelm, type ReleaseContext } from './release-context.js';
import { actionTimeoutMs, releaseName, storageNamespace } from './release-spec.js';
import { remediationFor } from './remediation.js';
import { summarize } from './summarize.js';

/** Marks one failed remediation (Remediated=False) with its event. */
async function remediationFailed(
  ctx: ReleaseContext,
  reason: string,
  message: string,
  logs: string,
  meta: Record<string, string>,
): Promise<void> {
  const status = (ctx.hr.status ??= {});
  status.failures = (status.failures ?? 0) + 1;
  markFalse(ctx.hr, HelmConditionType.Remediated, reason, message);
  await emit(
    ctx,
    'Warning',
    reason,
    HrMessages.withLogs(message, redactSecrets(logs, ctx.secretStrings)),
    meta,
  );
}

/**
 * helm-controller's RollbackRemediation: `helm rollback` to the previous deployed release of
 * the history; Remediated True/False. A failure that changed nothing is returned to the loop.
 */
export async function runRollback(ctx: ReleaseContext): Promise<void> {
  const { hr } = ctx;
  const cur = latest(hr.status?.history);
  const prev: Snapshot | undefined = previous(
    hr.status?.history,
    remediationFor(hr, 'upgrade').ignoreTestFailures,
  );
  try {
    if (!prev) throw new ActionError('missing target release for rollback: required to rollback');
    if (!cur || prev.name !== cur.name || prev.namespace !== cur.namespace) {
      throw new ActionError(
        `release mismatch: previous release name or namespace ${fullReleaseName(prev)} does not match current ${fullReleaseName(cur)}`,
      );
    }
    const stored = await ctx.target.storage.revisions(storageNamespace(hr), releaseName(hr), [prev.version]);
    const target = stored.find((r) => r.version === prev.version)?.release();
    const outcome = await runHelm(ctx, {
      args: rollbackFlags(hr, prev.version, target),
      // A rollback re-applies the stored (already post-rendered) manifest: helm takes no post-renderer.
      timeoutMs: actionTimeoutMs(hr, 'rollback'),
    });
    let written = outcome.written;
    let error = outcome.result.ok ? undefined : (outcome.result.error ?? '');
    if (!error && written[0] && ownsHealthWait(hr, hr.spec.rollback?.disableWait)) {
      const waited = await waitForRelease(
        ctx,
        written[0],
        actionTimeoutMs(hr, 'rollback'),
        !hr.spec.rollback?.disableWaitForJobs,
      );
      error = waited.error;
      if (waited.failed) written = [waited.failed, ...written.slice(1)];
    }
    recordRollback(hr, written);
    const newest = written[0];
    if (newest) await updateInventory(ctx, newest);
    const meta = eventMeta(prev.chartVersion, configDigest(ctx.values), prev.appVersion, prev.ociDigest);
    if (error !== undefined) {
      const redacted = redactSecrets(error.trim(), ctx.secretStrings);
      const message = HrMessages.rollbackFailure(fullReleaseName(prev), versionedChartName(prev), redacted);
      await remediationFailed(ctx, HelmReason.RollbackFailed, message, outcome.result.logs, meta);
      const now = latest(hr.status?.history);
      if (!now || now.digest === cur.digest) throw new ActionError(redacted);
      return;
    }
    const message = HrMessages.rollbackSuccess(fullReleaseName(prev), versionedChartName(prev));
    markTrue(hr, HelmConditionType.Remediated, HelmReason.RollbackSucceeded, message);
    await emit(ctx, 'Normal', HelmReason.RollbackSucceeded, message, meta);
  } finally {
    summarize(hr);
  }
}

/** The release Helm deletes when it purges: last seen as `uninstalling`, as Flux's observer sees it. */
export function uninstalling(rel: StoredReleaseJson): StoredReleaseJson {
  return {
    ...rel,
    info: { ...rel.info, status: 'uninstalling', description: 'Deletion in progress (or silently failed)' },
  };
}

/**
 * helm-controller's UninstallRemediation: `helm uninstall` of the latest release after a failed
 * install (or upgrade with the uninstall strategy); Remediated True/False. Flux does not
 * summarize Ready here: the failed action's Ready stays until the next reconcile.
 */
export async function runUninstallRemediation(ctx: ReleaseContext): Promise<void> {
  const { hr } = ctx;
  const cur = latest(hr.status?.history);
  if (!cur) throw new ActionError('no latest release: required to uninstall');
  const outcome = await runHelm(ctx, {
    args: uninstallFlags(hr, cur.name, cur.namespace),
    timeoutMs: actionTimeoutMs(hr, 'uninstall'),
  });
  recordUpdates(hr, [...outcome.written, ...outcome.removed.map(uninstalling)], 'uninstall-remediation');
  let error = outcome.result.ok ? undefined : (outcome.result.error ?? '').trim();
  const now = latest(hr.status?.history);
  if (!error && now?.digest === cur.digest) error = 'uninstall completed with error: no storage update';
  const meta = eventMeta(cur.chartVersion, cur.configDigest, cur.appVersion, cur.ociDigest);
  if (error) {
    const redacted = redactSecrets(error, ctx.secretStrings);
    await remediationFailed(
      ctx,
      HelmReason.UninstallFailed,
      HrMessages.uninstallRemediationFailure(fullReleaseName(now), versionedChartName(now), redacted),
      outcome.result.logs,
      meta,
    );
    if (now?.digest === cur.digest) throw new ActionError(redacted);
    return;
  }
  const message = HrMessages.uninstallRemediationSuccess(fullReleaseName(now), versionedChartName(now));
  markTrue(hr, HelmConditionType.Remediated, HelmReason.UninstallSucceeded, message);
  await emit(ctx, 'Normal', HelmReason.UninstallSucceeded, message, meta);
}
