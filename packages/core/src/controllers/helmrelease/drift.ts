import { HelmReason } from '../../api/helmrelease-v2.js';
import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import type { KubeObject } from '../../kube/objects.js';
import { errorMessage } from '../../runtime/errors.js';
import { markUnknown } from '../../runtime/conditions.js';
import { ConditionType, Reason } from '../../api/meta.js';
import {
  diffCounts,
  driftTargets,
  normalizeForDiff,
  withHelmMetadata,
  withServiceDefaults,
} from './drift-diff.js';
import { fullReleaseName, latest } from './history.js';
import { emit, eventMeta, type ReleaseContext } from './release-context.js';
import { manifestObjects, setReleaseNamespaces } from './release-objects.js';

/** Helm 4's managed-fields manager, which helm-controller dry-runs and corrects drift as. */
const HELM_MANAGER = 'helm';

/** One drifted object: deleted from the cluster, or changed. */
interface DriftEntry {
  object: KubeObject;
  kind: 'removed' | 'changed';
  counts?: { added: number; changed: number; removed: number };
}

const drifts = new WeakMap<ReleaseContext, DriftEntry[]>();

const subject = (o: KubeObject): string =>
  o.metadata.namespace
    ? `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`
    : `${o.kind}/${o.metadata.name}`;

/**
 * helm-controller's drift detection (`action.Diff`): each object of the release (hooks and
 * objects opted out with `helm.toolkit.fluxcd.io/driftDetection: disabled` excluded) is
 * dry-run applied server-side as Helm's field manager and compared with the cluster, minus
 * `driftDetection.ignore` paths. Returns Flux's summary (`<Kind/ns/name> changed (… additions,
 * … changes, … removals)` / `… removed`), or undefined without drift.
 */
export async function detectDrift(
  ctx: ReleaseContext,
  release: StoredReleaseJson,
): Promise<string | undefined> {
  const manifest = manifestObjects(release.manifest ?? '');
  await setReleaseNamespaces(manifest, release.namespace, ctx.target.resources.mapper);
  const objects = manifest.map((o) => withHelmMetadata(o, release.name, release.namespace));
  const entries: DriftEntry[] = [];
  for (const { object, ignore } of driftTargets(objects, ctx.hr.spec.driftDetection?.ignore ?? [])) {
    const live = await ctx.target.resources.get({
      ...object,
      name: object.metadata.name,
      namespace: object.metadata.namespace,
    });
    if (!live) {
      entries.push({ object, kind: 'removed' });
      continue;
    }
    const dry = await ctx.target.resources.apply(withServiceDefaults(object), {
      fieldManager: HELM_MANAGER,
      force: true,
      dryRun: true,
    });
    const counts = diffCounts(normalizeForDiff(live, ignore), normalizeForDiff(dry, ignore));
    if (counts.added + counts.changed + counts.removed > 0) entries.push({ object, kind: 'changed', counts });
  }
  drifts.set(ctx, entries);
  if (entries.length === 0) return undefined;
  return entries
    .map((e) =>
      e.kind === 'removed'
        ? `${subject(e.object)} removed`
        : `${subject(e.object)} changed (${e.counts?.added ?? 0} additions, ${e.counts?.changed ?? 0} changes, ${e.counts?.removed ?? 0} removals)`,
    )
    .join('\n');
}

/** helm-controller's CorrectClusterDrift: re-applies the drifted objects (SSA as Helm's manager). */
export async function correctDrift(ctx: ReleaseContext): Promise<void> {
  const entries = drifts.get(ctx) ?? [];
  if (entries.length === 0) return;
  markUnknown(ctx.hr, ConditionType.Ready, Reason.Progressing, 'correcting cluster drift');
  const cur = latest(ctx.hr.status?.history);
  const meta = eventMeta(cur?.chartVersion ?? '', cur?.configDigest ?? '', cur?.appVersion, cur?.ociDigest);
  const done: string[] = [];
  const failed: string[] = [];
  for (const e of entries) {
    try {
      await ctx.target.resources.apply(withServiceDefaults(e.object), {
        fieldManager: HELM_MANAGER,
        force: true,
      });
      done.push(`${subject(e.object)} ${e.kind === 'removed' ? 'created' : 'configured'}`);
    } catch (error) {
      failed.push(`${subject(e.object)}: ${errorMessage(error)}`);
    }
  }
  const release = fullReleaseName(cur);
  if (failed.length > 0) {
    const partial = done.length > 0 ? 'partially ' : '';
    const successes = done.length > 0 ? `\n\nSuccessful corrections:\n${done.join('\n')}` : '';
    await emit(
      ctx,
      'Warning',
      HelmReason.DriftCorrectionFailed,
      `Failed to ${partial}correct cluster state of release ${release}:\n${failed.join('\n')}${successes}`,
      meta,
    );
    return;
  }
  await emit(
    ctx,
    'Normal',
    HelmReason.DriftCorrected,
    `Cluster state of release ${release} has been corrected:\n${done.join('\n')}`,
    meta,
  );
}
