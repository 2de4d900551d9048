import { HelmConditionType, HelmReason } from '../../api/helmrelease-v2.js';
import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import { deleteCondition, markFalse, markTrue, markUnknown } from '../../runtime/conditions.js';
import { formatDuration } from '../../runtime/duration.js';
import { installFlags, ownsHealthWait, upgradeFlags } from './action-flags.js';
import { configDigest } from './config-digest.js';
import { applyChartCrds } from './crds.js';
import { waitForRelease } from './health-wait.js';
import { fullReleaseName, hasBeenTested, latest, versionedChartName } from './history.js';
import { HrMessages } from './messages.js';
import { recordRelease } from './observed-releases.js';
import {
  emit,
  eventMeta,
  postRenderSpec,
  redactSecrets,
  runHelm,
  type ReleaseContext,
} from './release-context.js';
import { updateInventory } from './inventory-step.js';
import { actionTimeoutMs, releaseName, releaseNamespace, testsEnabled } from './release-spec.js';
import { clearFailures, incrementActionFailures, retryIntervalMs } from './remediation.js';
import { summarize } from './summarize.js';

/** An action failed before Helm wrote a release: the AtomicRelease loop must retry it. */
export class ActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionError';
  }
}

/**
 * helm-controller's Install and Upgrade reconcilers: clear history (install) and test/remediation
 * conditions, apply CRDs by policy, run helm, record what it wrote (history, inventory), then
 * Released and the event. A failure that wrote a release counts against the action's retries;
 * one that wrote nothing is returned for the loop to retry.
 */
export async function runRelease(
  ctx: ReleaseContext,
  action: 'install' | 'upgrade',
  last: StoredReleaseJson | undefined,
): Promise<void> {
  const { hr, chart } = ctx;
  const status = (hr.status ??= {});
  status.lastAttemptedReleaseAction = action;
  if (action === 'install') delete status.history;
  deleteCondition(hr, HelmConditionType.TestSuccess);
  deleteCondition(hr, HelmConditionType.Remediated);
  const started = performance.now();
  let error: string | undefined;
  let logs = '';
  let written: StoredReleaseJson[] = [];
  try {
    const policy =
      action === 'install' ? (hr.spec.install?.crds ?? 'Create') : (hr.spec.upgrade?.crds ?? 'Skip');
    await applyChartCrds(ctx, policy);
    const args =
      action === 'install'
        ? installFlags(hr, chart.path, ctx.ssaDefault)
        : upgradeFlags(hr, chart.path, last);
    const timeoutMs = actionTimeoutMs(hr, action);
    const outcome = await runHelm(ctx, {
      args,
      timeoutMs,
      stdin: JSON.stringify(ctx.values),
      postRender: postRenderSpec(hr),
    });
    written = outcome.written;
    logs = outcome.result.logs;
    if (!outcome.result.ok) error = outcome.result.error;
    const spec = action === 'install' ? hr.spec.install : hr.spec.upgrade;
    if (!error && written[0] && ownsHealthWait(hr, spec?.disableWait)) {
      const waited = await waitForRelease(ctx, written[0], timeoutMs, !spec?.disableWaitForJobs);
      error = waited.error;
      if (waited.failed) written = [waited.failed, ...written.slice(1)];
    }
  } catch (thrown) {
    if (ctx.signal.aborted) throw thrown;
    error = (thrown as Error).message;
  }
  status.lastAttemptedReleaseActionDuration = formatDuration(performance.now() - started);
  recordRelease(hr, written, action);
  if (written[0]) await updateInventory(ctx, written[0]);
  if (error !== undefined) {
    await failure(ctx, action, redactSecrets(error.trim(), ctx.secretStrings), logs);
    summarize(hr);
    if (written.length === 0) throw new ActionError(error);
    incrementActionFailures(hr, action);
    return;
  }
  await success(ctx, action);
  summarize(hr);
}

async function failure(
  ctx: ReleaseContext,
  action: 'install' | 'upgrade',
  error: string,
  logs: string,
): Promise<void> {
  const { hr, chart } = ctx;
  const status = (hr.status ??= {});
  status.failures = (status.failures ?? 0) + 1;
  const format = action === 'install' ? HrMessages.installFailure : HrMessages.upgradeFailure;
  const message = format(releaseNamespace(hr), releaseName(hr), chart.name, chart.version, error);
  const reason = action === 'install' ? HelmReason.InstallFailed : HelmReason.UpgradeFailed;
  markFalse(hr, HelmConditionType.Released, reason, message);
  const meta = eventMeta(
    chart.version,
    configDigest(ctx.values),
    chart.appVersion,
    status.lastAttemptedRevisionDigest,
  );
  await emit(
    ctx,
    'Warning',
    reason,
    HrMessages.withLogs(message, redactSecrets(logs, ctx.secretStrings)),
    meta,
  );
}

async function success(ctx: ReleaseContext, action: 'install' | 'upgrade'): Promise<void> {
  const { hr } = ctx;
  const cur = latest(hr.status?.history);
  const format = action === 'install' ? HrMessages.installSuccess : HrMessages.upgradeSuccess;
  const message = format(fullReleaseName(cur), versionedChartName(cur));
  const reason = action === 'install' ? HelmReason.InstallSucceeded : HelmReason.UpgradeSucceeded;
  markTrue(hr, HelmConditionType.Released, reason, message);
  if (testsEnabled(hr) && !hasBeenTested(cur)) {
    markUnknown(
      hr,
      HelmConditionType.TestSuccess,
      HelmReason.AwaitingTests,
      HrMessages.testPending(fullReleaseName(cur), versionedChartName(cur)),
    );
  }
  if (retryIntervalMs(hr, action, ctx.deps.defaultToRetryOnFailure) !== undefined) clearFailures(hr);
  await emit(
    ctx,
    'Normal',
    reason,
    message,
    eventMeta(cur?.chartVersion ?? '', cur?.configDigest ?? '', cur?.appVersion, cur?.ociDigest),
  );
}
