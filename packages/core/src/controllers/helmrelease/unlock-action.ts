import { HelmConditionType, HelmReason } from '../../api/helmrelease-v2.js';
import { markFalse } from '../../runtime/conditions.js';
import { errorMessage } from '../../runtime/errors.js';
import { fullReleaseName, versionedChartName } from './history.js';
import { HrMessages } from './messages.js';
import { recordUpdates } from './observed-releases.js';
import { emit, eventMeta, knownVersions, type ReleaseContext } from './release-context.js';
import { snapshotOf } from './release-observation.js';
import { releaseName, storageNamespace } from './release-spec.js';
import { summarize } from './summarize.js';

const PENDING = new Set(['pending-install', 'pending-upgrade', 'pending-rollback']);

/**
 * helm-controller's Unlock: a release left `pending-*` by an action that died (a killed helm,
 * a restarted controller) is rewritten to `failed` in storage, so it can be remediated.
 * Released=False `PendingRelease` either way.
 */
export async function runUnlock(ctx: ReleaseContext): Promise<void> {
  const { hr } = ctx;
  const known = knownVersions(hr);
  const [rev] =
    known.length > 0
      ? await ctx.target.storage.revisions(storageNamespace(hr), releaseName(hr), known)
      : await ctx.target.storage.history(storageNamespace(hr), releaseName(hr));
  try {
    if (!rev) return;
    const rel = rev.release();
    const state = rel.info?.status ?? '';
    if (!PENDING.has(state)) return;
    const known = hr.status?.history?.find(
      (s) => s.name === rel.name && s.namespace === rel.namespace && s.version === rel.version,
    );
    const cur = snapshotOf(rel, undefined, known?.ociDigest);
    const meta = eventMeta(cur.chartVersion, cur.configDigest, cur.appVersion, cur.ociDigest);
    try {
      await ctx.target.storage.updateStatus(rev, 'failed', HrMessages.unlockedDescription(state));
    } catch (error) {
      const message = HrMessages.unlockFailure(
        fullReleaseName(cur),
        versionedChartName(cur),
        state,
        errorMessage(error),
      );
      const status = (hr.status ??= {});
      status.failures = (status.failures ?? 0) + 1;
      markFalse(hr, HelmConditionType.Released, HelmReason.PendingRelease, message);
      await emit(ctx, 'Warning', HelmReason.PendingRelease, message, meta);
      throw error;
    }
    const [updated] = await ctx.target.storage.revisions(storageNamespace(hr), releaseName(hr), [
      rel.version,
    ]);
    if (updated) recordUpdates(hr, [updated.release()]);
    const message = HrMessages.unlockSuccess(fullReleaseName(cur), versionedChartName(cur), state);
    markFalse(hr, HelmConditionType.Released, HelmReason.PendingRelease, message);
    await emit(ctx, 'Normal', HelmReason.PendingRelease, message, meta);
  } finally {
    summarize(hr);
  }
}
