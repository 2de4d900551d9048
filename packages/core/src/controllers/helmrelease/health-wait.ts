import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import { waitForSet, WaitError } from '../../kube/health/wait.js';
import type { WaitTarget } from '../../kube/health/wait-plan.js';
import { errorMessage } from '../../runtime/errors.js';
import type { ReleaseContext } from './release-context.js';
import { manifestObjects, setReleaseNamespaces } from './release-objects.js';
import { releaseName, storageNamespace } from './release-spec.js';
import { celStatusReader } from '../../kube/health/cel-health.js';

/** How often the release's objects are polled. */
const DEFAULT_INTERVAL_MS = 2_000;

/**
 * The wait helm-controller's poller does when `healthCheckExprs` are set: every object of the
 * release (hooks excluded) must become Current by kstatus, or by the first matching CEL
 * expression. Helm ran with `--wait=hookOnly`, so on failure the release is marked failed in
 * storage, as Helm marks a release whose wait failed. Returns the error and the failed release.
 */
export async function waitForRelease(
  ctx: ReleaseContext,
  release: StoredReleaseJson,
  timeoutMs: number,
): Promise<{ error?: string; failed?: StoredReleaseJson }> {
  const objects = manifestObjects(release.manifest ?? '');
  await setReleaseNamespaces(objects, release.namespace, ctx.target.resources.mapper);
  const targets: WaitTarget[] = objects.map((o) => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  }));
  try {
    await waitForSet((t) => ctx.target.resources.get(t), targets, {
      intervalMs: ctx.deps.healthCheckIntervalMs ?? DEFAULT_INTERVAL_MS,
      timeoutMs,
      failFast: true,
      signal: ctx.signal,
      custom: celStatusReader(ctx.hr.spec.healthCheckExprs ?? []),
    });
    return {};
  } catch (error) {
    if (!(error instanceof WaitError)) throw error;
    const message = error.message;
    const stored = await ctx.target.storage.revisions(storageNamespace(ctx.hr), releaseName(ctx.hr), [
      release.version,
    ]);
    const rev = stored.find((r) => r.version === release.version);
    if (!rev) return { error: message };
    try {
      await ctx.target.storage.updateStatus(rev, 'failed', `Release "${release.name}" failed: ${message}`);
    } catch (updateError) {
      return { error: `${message}; marking the release failed: ${errorMessage(updateError)}` };
    }
    const after = (
      await ctx.target.storage.revisions(storageNamespace(ctx.hr), releaseName(ctx.hr), [release.version])
    ).find((r) => r.version === release.version);
    return { error: message, failed: after?.release() };
  }
}
