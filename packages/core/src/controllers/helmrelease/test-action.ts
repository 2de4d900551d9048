import { HelmConditionType, HelmReason } from '../../api/helmrelease-v2.js';
import { markFalse, markTrue } from '../../runtime/conditions.js';
import { testFlags } from './action-flags.js';
import { fullReleaseName, hasBeenTested, latest, versionedChartName } from './history.js';
import { HrMessages } from './messages.js';
import { recordTest } from './observed-releases.js';
import { ActionError } from './release-actions.js';
import { emit, eventMeta, redactSecrets, runHelm, type ReleaseContext } from './release-context.js';
import { actionTimeoutMs } from './release-spec.js';
import { activeRemediation, incrementActionFailures } from './remediation.js';
import { summarize } from './summarize.js';

/**
 * helm-controller's Test reconciler: `helm test` on the latest release, its test hooks' last
 * runs recorded on the latest snapshot; TestSuccess True/False; a failure (unless ignored)
 * counts against the active remediation's retries.
 */
export async function runTest(ctx: ReleaseContext): Promise<void> {
  const { hr } = ctx;
  if (!latest(hr.status?.history)) throw new ActionError('no latest release: required for test');
  const filters = hr.spec.test?.filters ?? [];
  const outcome = await runHelm(ctx, { args: testFlags(hr), timeoutMs: actionTimeoutMs(hr, 'test') });
  recordTest(hr, outcome.written, filters);
  const cur = latest(hr.status?.history);
  const meta = eventMeta(cur?.chartVersion ?? '', cur?.configDigest ?? '', cur?.appVersion, cur?.ociDigest);
  if (!outcome.result.ok) {
    const error = redactSecrets((outcome.result.error ?? '').trim(), ctx.secretStrings);
    const message = HrMessages.testFailure(fullReleaseName(cur), versionedChartName(cur), error);
    const status = (hr.status ??= {});
    status.failures = (status.failures ?? 0) + 1;
    markFalse(hr, HelmConditionType.TestSuccess, HelmReason.TestFailed, message);
    await emit(ctx, 'Warning', HelmReason.TestFailed, message, meta);
    const tested = hasBeenTested(cur);
    const remediation = activeRemediation(hr);
    if (tested && remediation && !remediation.ignoreTestFailures)
      incrementActionFailures(hr, remediation.action);
    summarize(hr);
    if (!tested) throw new ActionError(error);
    return;
  }
  const hooks = Object.keys(cur?.testHooks ?? {}).length;
  const message = HrMessages.testSuccess(fullReleaseName(cur), versionedChartName(cur), hooks);
  markTrue(hr, HelmConditionType.TestSuccess, HelmReason.TestSucceeded, message);
  await emit(ctx, 'Normal', HelmReason.TestSucceeded, message, meta);
  summarize(hr);
}
