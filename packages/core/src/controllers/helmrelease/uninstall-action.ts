import { HelmConditionType, HelmReason } from '../../api/helmrelease-v2.js';
import { markFalse } from '../../runtime/conditions.js';
import { uninstallFlags } from './action-flags.js';
import { fullReleaseName, latest, versionedChartName } from './history.js';
import { HrMessages } from './messages.js';
import { recordUpdates } from './observed-releases.js';
import { emit, eventMeta, redactSecrets, runHelm, type ReleaseContext } from './release-context.js';
import { uninstalling } from './remediation-actions.js';
import { actionTimeoutMs, storageNamespace } from './release-spec.js';
import { summarize } from './summarize.js';

/** No release in history: nothing to uninstall (Flux's `ErrNoLatest`, ignored by callers). */
export class NoLatestReleaseError extends Error {
  constructor() {
    super('no latest release: required to uninstall');
    this.name = 'NoLatestReleaseError';
  }
}

/**
 * helm-controller's Uninstall (a deleted HelmRelease, or a release whose name, namespace or
 * storage changed): `helm uninstall` of the latest snapshot's release. A release already gone
 * counts as uninstalled. Released=False `UninstallSucceeded`, inventory cleared; failures throw.
 * `ctx.hr`'s spec is the one the release was made with (its namespaces and name are the
 * snapshot's, so a changed spec still uninstalls the old release).
 */
export async function runUninstall(ctx: Omit<ReleaseContext, 'chart' | 'values'>): Promise<void> {
  const { hr } = ctx;
  const cur = latest(hr.status?.history);
  if (!cur) throw new NoLatestReleaseError();
  const meta = eventMeta(cur.chartVersion, cur.configDigest, cur.appVersion, cur.ociDigest);
  try {
    const outcome = await runHelm(
      {
        ...ctx,
        hr: {
          ...hr,
          spec: {
            ...hr.spec,
            targetNamespace: cur.namespace,
            releaseName: cur.name,
            storageNamespace: hr.status?.storageNamespace || storageNamespace(hr),
          },
        },
      },
      { args: uninstallFlags(hr, cur.name, cur.namespace), timeoutMs: actionTimeoutMs(hr, 'uninstall') },
    );
    const error = outcome.result.ok ? undefined : (outcome.result.error ?? '').trim();
    if (error && /release: not found/.test(error)) {
      markFalse(
        hr,
        HelmConditionType.Released,
        HelmReason.UninstallSucceeded,
        HrMessages.uninstallNotFound(fullReleaseName(cur)),
      );
      return;
    }
    if (error && hr.spec.uninstall?.keepHistory && error.includes('is already deleted')) {
      markFalse(
        hr,
        HelmConditionType.Released,
        HelmReason.UninstallSucceeded,
        HrMessages.uninstallAlready(fullReleaseName(cur)),
      );
      return;
    }
    recordUpdates(hr, [...outcome.written, ...outcome.removed.map(uninstalling)], 'uninstall');
    if (error) {
      const redacted = redactSecrets(error, ctx.secretStrings);
      const message = HrMessages.uninstallFailure(fullReleaseName(cur), versionedChartName(cur), redacted);
      const status = (hr.status ??= {});
      status.failures = (status.failures ?? 0) + 1;
      markFalse(hr, HelmConditionType.Released, HelmReason.UninstallFailed, message);
      await emit(
        ctx,
        'Warning',
        HelmReason.UninstallFailed,
        HrMessages.withLogs(message, redactSecrets(outcome.result.logs, ctx.secretStrings)),
        meta,
      );
      throw new Error(redacted);
    }
    const message = HrMessages.uninstallSuccess(fullReleaseName(cur), versionedChartName(cur));
    delete (hr.status ??= {}).inventory;
    markFalse(hr, HelmConditionType.Released, HelmReason.UninstallSucceeded, message);
    await emit(ctx, 'Normal', HelmReason.UninstallSucceeded, message, meta);
  } finally {
    summarize(hr);
  }
}
