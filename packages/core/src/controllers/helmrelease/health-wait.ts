import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import { waitForSet, WaitError } from '../../kube/health/wait.js';
import type { WaitTarget } from '../../kube/health/wait-plan.js';
import { errorMessage } from '../../runtime/errors.js';
import type { ReleaseContext } from './release-context.js';
import { manifestObjects, setReleaseNamespaces } from './release-objects.js';
import { releaseName, storageNamespace } from './release-spec.js';
import { celStatusReader } from '../../kube/health/cel-health.js';
import { KStatus, type KStatusResult } from '../../kube/health/result.js';

/** How often the release's objects are polled at most (helm-controller's poller: 2s). */
const DEFAULT_INTERVAL_MS = 2_000;
/** The first poll comes this soon, then the delay doubles (most objects are ready in a second). */
const FIRST_POLL_MS = 100;

/** Flux's custom Job status reader: with `waitForJobs`, a Job is Current only once complete. Pure. */
function jobsUntilComplete(obj: Record<string, unknown>): KStatusResult | undefined {
  if (obj.kind !== 'Job' || typeof obj.apiVersion !== 'string' || !obj.apiVersion.startsWith('batch/'))
    return undefined;
  const conditions =
    (obj.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  if (conditions.some((c) => c.type === 'Complete' && c.status === 'True'))
    return { status: KStatus.Current, message: 'Job Completed', conditions: [] };
  if (conditions.some((c) => c.type === 'Failed' && c.status === 'True'))
    return { status: KStatus.Failed, message: 'Job Failed', conditions: [] };
  return { status: KStatus.InProgress, message: 'Job in progress', conditions: [] };
}

/**
 * helm-controller's poller wait: every object of the release (hooks excluded) must become
 * Current by Flux's kstatus, by `healthCheckExprs` (CEL) when one matches, and Jobs must complete
 * unless `waitForJobs` is off. Helm ran with `--wait=hookOnly`, so on failure the release is
 * marked failed in storage, as Helm marks a release whose wait failed. Returns the error and the
 * failed release.
 */
export async function waitForRelease(
  ctx: ReleaseContext,
  release: StoredReleaseJson,
  timeoutMs: number,
  waitForJobs = true,
): Promise<{ error?: string; failed?: StoredReleaseJson }> {
  const cel = celStatusReader(ctx.hr.spec.healthCheckExprs ?? []);
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
      initialIntervalMs: FIRST_POLL_MS,
      timeoutMs,
      failFast: true,
      signal: ctx.signal,
      custom: (obj) => cel(obj) ?? (waitForJobs ? jobsUntilComplete(obj) : undefined),
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
