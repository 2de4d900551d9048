import { HELM_API_VERSION, HelmReason } from '../../api/helmrelease-v2.js';
import { AclReason } from '../../api/acl.js';
import { ConditionType, Reason } from '../../api/meta.js';
import {
  getCondition,
  markFalse,
  markReconciling,
  markStalled,
  markUnknown,
} from '../../runtime/conditions.js';
import { errorMessage } from '../../runtime/errors.js';
import { formatDuration } from '../../runtime/duration.js';
import { ArtifactFetchError } from '../../sources/artifact-fetch.js';
import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import type { StatusPatcher } from '../shared/flux-object.js';
import { TargetClusterError } from '../kustomization/target-cluster.js';
import { ChartMutateError } from './chart-revision.js';
import type { ReadyChart } from './chart-loader.js';
import { HrMessages } from './messages.js';
import type { HelmReleaseReconcilerDeps } from './release-context.js';
import { hrNamespace, type Hr } from './release-spec.js';
import { AccessDeniedError, getChartSource, sourceNotReady } from './source-step.js';
import { composeValues, type ComposedValues } from './values-compose.js';

/** Flux's `--requeue-dependency`. */
export const REQUEUE_DEPENDENCY_MS = 30_000;

/** Why a reconcile stops before any Helm action, and how to come back. */
export class PrepareStop extends Error {
  constructor(
    message: string,
    /** Requeue after this long (no backoff); undefined: back off; `terminal`: never. */
    readonly requeueAfterMs?: number | 'terminal',
  ) {
    super(message);
    this.name = 'PrepareStop';
  }
}

/** Marks Ready "in progress" again once the failure with this reason is resolved (Flux does so per step). */
function clearReason(hr: Hr, ...reasons: string[]): void {
  const ready = getCondition(hr, ConditionType.Ready);
  if (ready && reasons.includes(ready.reason))
    markUnknown(hr, ConditionType.Ready, Reason.Progressing, HrMessages.inProgress);
}

/** `checkDependencies`: every dependency exists, observed its generation and is Ready. */
async function checkDependencies(hr: Hr, deps: HelmReleaseReconcilerDeps): Promise<string | undefined> {
  const reader = deps.reader ?? deps.resources;
  for (const dep of hr.spec.dependsOn ?? []) {
    const namespace = dep.namespace || hrNamespace(hr);
    const id = `${namespace}/${dep.name}`;
    const obj = await reader.get<Hr>({
      apiVersion: HELM_API_VERSION,
      kind: 'HelmRelease',
      namespace,
      name: dep.name,
    });
    if (!obj) return HrMessages.dependencyNotFound(id, dep.name);
    const ready = getCondition(obj, ConditionType.Ready);
    if (obj.metadata.generation !== obj.status?.observedGeneration || ready?.status !== 'True') {
      return HrMessages.dependencyNotReady(id);
    }
  }
  return undefined;
}

/** `valuesFrom` and `values` merged as helm-controller does, ConfigMaps and Secrets read live. */
export function composeReleaseValues(hr: Hr, resources: Resources): Promise<ComposedValues> {
  return composeValues(hrNamespace(hr), hr.spec.values, hr.spec.valuesFrom ?? [], async (kind, name) => {
    const obj = await resources.get<KubeObject & { data?: Record<string, string> }>({
      apiVersion: 'v1',
      kind,
      namespace: hrNamespace(hr),
      name,
    });
    if (!obj) return undefined;
    const data = obj.data ?? {};
    return {
      data:
        kind === 'Secret'
          ? Object.fromEntries(
              Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
            )
          : data,
    };
  });
}

/** What the release step needs once the prerequisites are met. */
export interface Prepared {
  chart: ReadyChart;
  composed: ComposedValues;
}

/**
 * `reconcileRelease` up to the release: Reconciling "Fulfilling prerequisites", dependencies,
 * the chart source (ready, with an artifact), values, and the chart itself — each failure with
 * helm-controller's reason, message, event and requeue.
 */
export async function prepare(
  hr: Hr,
  deps: HelmReleaseReconcilerDeps,
  status: StatusPatcher,
  signal: AbortSignal,
): Promise<Prepared> {
  const requeue = deps.requeueDependencyMs ?? REQUEUE_DEPENDENCY_MS;
  markReconciling(hr, Reason.Progressing, HrMessages.prerequisites);
  await status.patch();
  const notReady = await checkDependencies(hr, deps);
  if (notReady) {
    markFalse(hr, ConditionType.Ready, HelmReason.DependencyNotReady, notReady);
    await deps.events.record(hr, 'Normal', HelmReason.DependencyNotReady, notReady, {});
    throw new PrepareStop(notReady, requeue);
  }
  clearReason(hr, HelmReason.DependencyNotReady);
  let source;
  try {
    source = await getChartSource(hr, deps.reader ?? deps.resources, deps.noCrossNamespaceRefs ?? false);
  } catch (error) {
    if (error instanceof AccessDeniedError) {
      markStalled(hr, AclReason.AccessDenied, error.message);
      markFalse(hr, ConditionType.Ready, AclReason.AccessDenied, error.message);
      await deps.events.record(hr, 'Warning', AclReason.AccessDenied, error.message, {});
      throw new PrepareStop(error.message, 'terminal');
    }
    markFalse(
      hr,
      ConditionType.Ready,
      HelmReason.ArtifactFailed,
      HrMessages.sourceNotFound(errorMessage(error)),
    );
    throw new PrepareStop(errorMessage(error));
  }
  clearReason(hr, AclReason.AccessDenied, HelmReason.ArtifactFailed);
  const unready = sourceNotReady(source);
  if (unready || !source.status?.artifact) {
    markFalse(hr, ConditionType.Ready, HelmReason.SourceNotReady, unready ?? '');
    throw new PrepareStop(unready ?? '', requeue);
  }
  clearReason(hr, HelmReason.SourceNotReady);
  let composed: ComposedValues;
  try {
    composed = await composeReleaseValues(hr, deps.resources);
  } catch (error) {
    const message = errorMessage(error);
    markFalse(hr, ConditionType.Ready, HelmReason.ValuesError, message);
    await deps.events.record(hr, 'Warning', HelmReason.ValuesError, message, {});
    throw new PrepareStop(message);
  }
  clearReason(hr, HelmReason.ValuesError);
  let chart: ReadyChart;
  try {
    chart = await deps.charts.load(source.status.artifact, source.kind === 'OCIRepository', signal);
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof ChartMutateError) {
      markFalse(hr, ConditionType.Ready, HelmReason.ChartMutateError, error.message);
      throw new PrepareStop(error.message);
    }
    if (error instanceof ArtifactFetchError && error.notFound) {
      const message = HrMessages.artifactNotFound(formatDuration(requeue));
      markFalse(hr, ConditionType.Ready, HelmReason.ArtifactFailed, message);
      throw new PrepareStop(message, requeue);
    }
    markFalse(
      hr,
      ConditionType.Ready,
      HelmReason.ArtifactFailed,
      HrMessages.couldNotLoadChart(errorMessage(error)),
    );
    await deps.events.record(hr, 'Warning', HelmReason.ArtifactFailed, errorMessage(error), {});
    throw new PrepareStop(errorMessage(error));
  }
  clearReason(hr, HelmReason.ArtifactFailed);
  return { chart, composed };
}

/** A target-cluster failure as helm-controller reports it (`RESTClientError`). */
export function restClientFailure(hr: Hr, error: unknown): PrepareStop {
  const message = error instanceof TargetClusterError ? error.message : errorMessage(error);
  markFalse(hr, ConditionType.Ready, HelmReason.RESTClientError, message);
  return new PrepareStop(message);
}
