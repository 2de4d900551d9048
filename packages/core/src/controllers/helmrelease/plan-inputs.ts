import { HELM_API_VERSION } from '../../api/helmrelease-v2.js';
import { errorMessage } from '../../runtime/errors.js';
import { formatDuration } from '../../runtime/duration.js';
import { ArtifactFetchError } from '../../sources/artifact-fetch.js';
import { PlanUnavailableError } from '../kustomization/plan.js';
import type { ReadyChart } from './chart-loader.js';
import { HrMessages } from './messages.js';
import { composeReleaseValues, REQUEUE_DEPENDENCY_MS } from './prepare-step.js';
import type { HelmReleasePlannerDeps } from './plan.js';
import { isValidChartReference, type Hr } from './release-spec.js';
import { AccessDeniedError, getChartSource, sourceNotReady } from './source-step.js';
import type { ComposedValues } from './values-compose.js';

/** What a plan renders from: the HelmRelease, its chart and its merged values. */
export interface PlanInputs {
  hr: Hr;
  chart: ReadyChart;
  composed: ComposedValues;
}

/**
 * The prerequisites of a release, read as the reconciler reads them (`prepare`) but written
 * nowhere: no condition, no event, no status. Each missing piece fails with the message
 * helm-controller would put on the Ready condition, Secret-derived strings masked.
 */
export async function loadPlanInputs(
  deps: HelmReleasePlannerDeps,
  namespace: string,
  name: string,
  signal: AbortSignal,
): Promise<PlanInputs> {
  const reader = deps.reader ?? deps.resources;
  const hr = await reader.get<Hr>({ apiVersion: HELM_API_VERSION, kind: 'HelmRelease', namespace, name });
  if (!hr) throw new PlanUnavailableError(`HelmRelease ${namespace}/${name} not found`);
  if (!isValidChartReference(hr.spec)) throw new PlanUnavailableError(HrMessages.invalidChartRef);
  let source;
  try {
    source = await getChartSource(hr, reader, deps.noCrossNamespaceRefs ?? false);
  } catch (error) {
    if (error instanceof AccessDeniedError) throw new PlanUnavailableError(error.message);
    throw new PlanUnavailableError(HrMessages.sourceNotFound(errorMessage(error)));
  }
  const unready = sourceNotReady(source);
  if (unready || !source.status?.artifact) throw new PlanUnavailableError(unready ?? '');
  let composed: ComposedValues;
  try {
    composed = await composeReleaseValues(hr, deps.resources);
  } catch (error) {
    // fluxcd/pkg's reference errors name the object and key, never a value.
    throw new PlanUnavailableError(errorMessage(error));
  }
  try {
    const chart = await deps.charts.load(source.status.artifact, source.kind === 'OCIRepository', signal);
    return { hr, chart, composed };
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof ArtifactFetchError && error.notFound)
      throw new PlanUnavailableError(
        HrMessages.artifactNotFound(formatDuration(deps.requeueDependencyMs ?? REQUEUE_DEPENDENCY_MS)),
      );
    throw new PlanUnavailableError(HrMessages.couldNotLoadChart(errorMessage(error)));
  }
}
