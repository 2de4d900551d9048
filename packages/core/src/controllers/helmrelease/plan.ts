import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import type { PlannedObject } from '../../kube/dry-run-plan.js';
import { dryRunErrorMessage } from '../../kube/apply-policy.js';
import { objectSubject, type KubeObject } from '../../kube/objects.js';
import { errorMessage } from '../../runtime/errors.js';
import { mapLimit } from '../../runtime/map-limit.js';
import { PlanUnavailableError } from '../kustomization/plan.js';
import { templateFlags } from './action-flags.js';
import { configDigest } from './config-digest.js';
import { driftTargets, withHelmMetadata, withServiceDefaults } from './drift-diff.js';
import {
  knownVersions,
  postRenderSpec,
  redactSecrets,
  type HelmReleaseReconcilerDeps,
} from './release-context.js';
import { manifestObjects, setReleaseNamespaces } from './release-objects.js';
import { loadPlanInputs, type PlanInputs } from './plan-inputs.js';
import { liveChanges, manifestDiff } from './release-plan-diff.js';
import { HrMessages } from './messages.js';
import { releaseName, releaseNamespace, storageNamespace } from './release-spec.js';
import { ReleaseTargets } from './release-target.js';
import type { ReleaseTarget } from './release-context.js';

/** What the next upgrade of a HelmRelease would change, and how the cluster drifted from it. */
export interface HelmReleasePlan {
  /** `<chart>@<version>` the current spec renders. */
  revision: string;
  /** `<chart>@<version>` of the release compared against (none before the first install). */
  lastAppliedRevision?: string;
  /** `<ns>/<name>.v<N>` of that release. */
  release?: string;
  /** The merged values differ from that release's (its config digest). */
  valuesChanged: boolean;
  /** The stored manifest against the rendered one: what an upgrade changes. */
  upgrade: PlannedObject[];
  /** The rendered objects dry-run against the cluster (drift rules and ignore paths applied). */
  objects: PlannedObject[];
  /** Stored objects the upgrade would delete, as `Kind/namespace/name`. */
  pruned: string[];
  durationMs: number;
}

/** What a plan reads with: the reconciler's clients, helm runner and chart cache (never its events). */
export type HelmReleasePlannerDeps = Pick<
  HelmReleaseReconcilerDeps,
  | 'resources'
  | 'reader'
  | 'helm'
  | 'charts'
  | 'kubeconfigPath'
  | 'defaultServiceAccount'
  | 'noCrossNamespaceRefs'
  | 'requeueDependencyMs'
>;

/** Bounds of one plan: helm's render time, its output, the objects compared, dry-runs at once. */
export const HELM_PLAN_LIMITS = {
  renderTimeoutMs: 30_000,
  manifestBytes: 8 * 1024 * 1024,
  objects: 1000,
  concurrent: 4,
} as const;

const DRIFT_MANAGER = 'helm';

/** The release an upgrade starts from: the newest deployed one, else the newest (Helm's choice). */
async function currentRelease(
  inputs: PlanInputs,
  target: ReleaseTarget,
): Promise<StoredReleaseJson | undefined> {
  const { hr } = inputs;
  const revisions = await target.storage.revisions(storageNamespace(hr), releaseName(hr), knownVersions(hr));
  // By the storage's status label, so only the chosen revision is decoded.
  const chosen =
    revisions.find((r) => r.statusLabel === 'deployed') ??
    revisions.find((r) => r.statusLabel !== 'uninstalled');
  return chosen?.release();
}

/** The manifest `helm template --dry-run=server` renders for the spec, post-renderers included. */
async function render(
  deps: HelmReleasePlannerDeps,
  inputs: PlanInputs,
  target: ReleaseTarget,
  current: StoredReleaseJson | undefined,
  signal: AbortSignal,
): Promise<KubeObject[]> {
  const { hr, chart, composed } = inputs;
  const result = await deps.helm.run({
    args: templateFlags(hr, chart.path, current !== undefined),
    target: target.helm,
    timeoutMs: HELM_PLAN_LIMITS.renderTimeoutMs,
    stdin: JSON.stringify(composed.values),
    postRender: postRenderSpec(hr),
    signal,
  });
  if (!result.ok) {
    const failure = current ? HrMessages.upgradeFailure : HrMessages.installFailure;
    const message = failure(
      releaseNamespace(hr),
      releaseName(hr),
      chart.name,
      chart.version,
      result.error ?? '',
    );
    throw new PlanUnavailableError(redactSecrets(message, composed.secretStrings));
  }
  if (result.stdout.length > HELM_PLAN_LIMITS.manifestBytes)
    throw new PlanUnavailableError(`the rendered manifest is over ${HELM_PLAN_LIMITS.manifestBytes} bytes`);
  const objects = manifestObjects(result.stdout);
  if (objects.length > HELM_PLAN_LIMITS.objects)
    throw new PlanUnavailableError(
      `the release renders ${objects.length} objects, over the ${HELM_PLAN_LIMITS.objects} a diff compares`,
    );
  await setReleaseNamespaces(objects, releaseNamespace(hr), target.resources.mapper);
  return objects;
}

/** Each rendered object against the cluster, as drift detection dry-runs it (Helm's manager, forced). */
async function compareLive(
  inputs: PlanInputs,
  target: ReleaseTarget,
  objects: KubeObject[],
): Promise<PlannedObject[]> {
  const secrets = inputs.composed.secretStrings;
  const checked = driftTargets(objects, inputs.hr.spec.driftDetection?.ignore ?? []);
  const [release, namespace] = [releaseName(inputs.hr), releaseNamespace(inputs.hr)];
  const settled = await mapLimit(checked, HELM_PLAN_LIMITS.concurrent, async ({ object, ignore }) => {
    const ref = { ...object, name: object.metadata.name, namespace: object.metadata.namespace };
    const live = await target.resources.get(ref);
    let dry: KubeObject | undefined;
    try {
      dry = await target.resources.apply(withServiceDefaults(withHelmMetadata(object, release, namespace)), {
        fieldManager: DRIFT_MANAGER,
        force: true,
        dryRun: true,
      });
    } catch (error) {
      const failed = redactSecrets(dryRunErrorMessage(object, error), secrets);
      return {
        subject: objectSubject(object),
        action: 'failed',
        changes: [],
        truncated: false,
        error: failed,
      } as PlannedObject;
    }
    return liveChanges(object, live, dry, ignore, secrets);
  });
  return settled.map((s, i) =>
    s.status === 'fulfilled'
      ? s.value
      : {
          subject: objectSubject(checked[i]?.object as KubeObject),
          action: 'failed' as const,
          changes: [],
          truncated: false,
          error: redactSecrets(errorMessage(s.reason), secrets),
        },
  );
}

/**
 * Renders a HelmRelease as its next upgrade would (the engine's chart artifact, the merged
 * values, post-renderers, as the reconciler's identity) and compares the result with the
 * release Helm last stored and with the cluster. It writes nothing: no release, no status, no
 * event, no object (the dry-runs are `dryRun=All`).
 */
export class HelmReleasePlanner {
  private readonly targets: ReleaseTargets;

  constructor(private readonly deps: HelmReleasePlannerDeps) {
    this.targets = new ReleaseTargets(deps.resources, deps.kubeconfigPath, deps.defaultServiceAccount);
  }

  /** The plan of `namespace/name`; throws {@link PlanUnavailableError} with Flux's words. */
  async plan(namespace: string, name: string, signal: AbortSignal): Promise<HelmReleasePlan> {
    const started = performance.now();
    const inputs = await loadPlanInputs(this.deps, namespace, name, signal);
    let target: ReleaseTarget;
    try {
      target = await this.targets.targetFor(inputs.hr);
    } catch (error) {
      throw new PlanUnavailableError(errorMessage(error));
    }
    const current = await currentRelease(inputs, target);
    const desired = await render(this.deps, inputs, target, current, signal);
    const stored = manifestObjects(current?.manifest ?? '');
    await setReleaseNamespaces(
      stored,
      current?.namespace ?? releaseNamespace(inputs.hr),
      target.resources.mapper,
    );
    const upgrade = manifestDiff(stored, desired, inputs.composed.secretStrings);
    const meta = current?.chart?.metadata;
    return {
      revision: `${inputs.chart.name}@${inputs.chart.version}`,
      lastAppliedRevision: meta ? `${meta.name ?? ''}@${meta.version ?? ''}` : undefined,
      release: current ? `${current.namespace}/${current.name}.v${current.version}` : undefined,
      valuesChanged:
        current !== undefined && configDigest(current.config ?? {}) !== configDigest(inputs.composed.values),
      upgrade: upgrade.objects,
      objects: await compareLive(inputs, target, desired),
      pruned: upgrade.deleted,
      durationMs: Math.round(performance.now() - started),
    };
  }
}
