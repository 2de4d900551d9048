import { HELM_NAME_LABEL, HELM_NAMESPACE_LABEL } from '../../api/helmrelease-v2.js';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { HELM_CONTROLLER } from './crds.js';
import { HrMessages } from './messages.js';
import { helmChartName, helmChartNamespace, hrNamespace, type Hr } from './release-spec.js';

const HELM_CHART = { apiVersion: SOURCE_API_VERSION, kind: 'HelmChart' } as const;

/** `buildHelmChartFromTemplate`: the HelmChart a `chart` template asks for, with owner labels. Pure. */
export function helmChartFromTemplate(hr: Hr): KubeObject & { spec: Record<string, unknown> } {
  const template = hr.spec.chart;
  if (!template) throw new Error('no chart template');
  const s = template.spec;
  return {
    ...HELM_CHART,
    metadata: {
      name: helmChartName(hr),
      namespace: helmChartNamespace(hr),
      labels: {
        ...template.metadata?.labels,
        [HELM_NAME_LABEL]: hr.metadata.name,
        [HELM_NAMESPACE_LABEL]: hrNamespace(hr),
      },
      ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
    },
    spec: {
      chart: s.chart,
      version: s.version ?? '*',
      sourceRef: { kind: s.sourceRef.kind, name: s.sourceRef.name },
      interval: s.interval ?? hr.spec.interval,
      reconcileStrategy: s.reconcileStrategy ?? 'ChartVersion',
      ...(s.valuesFiles ? { valuesFiles: s.valuesFiles } : {}),
      ...(s.ignoreMissingValuesFiles ? { ignoreMissingValuesFiles: true } : {}),
      ...(s.verify ? { verify: s.verify } : {}),
    },
  };
}

/** The generated HelmChart could not be written or deleted. */
export class ChartTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartTemplateError';
  }
}

async function deleteRecorded(hr: Hr, resources: Resources, events: EventRecorder): Promise<void> {
  const recorded = hr.status?.helmChart;
  if (hr.spec.suspend || !recorded) return;
  const [namespace, name] = recorded.split('/');
  if (!namespace || !name) return;
  try {
    if (await resources.delete({ ...HELM_CHART, namespace, name })) {
      await events.record(hr, 'Normal', 'HelmChartDeleted', HrMessages.helmChartDeleted(recorded), {});
    }
  } catch (error) {
    throw new ChartTemplateError(`failed to delete HelmChart '${recorded}': ${errorMessage(error)}`);
  }
  delete (hr.status ??= {}).helmChart;
}

/**
 * helm-controller's HelmChartTemplate: server-side applies the generated HelmChart (field
 * manager `helm-controller`, owner labels), records it in `status.helmChart`, and deletes a
 * previously generated one when it moved, when the release switched to `chartRef`, or when
 * the HelmRelease is deleted. Trace events `HelmChartCreated` / `HelmChartConfigured` /
 * `HelmChartDeleted` are written as Normal events, as Flux records trace events.
 */
export async function reconcileChartTemplate(
  hr: Hr,
  resources: Resources,
  events: EventRecorder,
): Promise<void> {
  const wanted = hr.spec.chart ? `${helmChartNamespace(hr)}/${helmChartName(hr)}` : '';
  const recorded = hr.status?.helmChart ?? '';
  if ((recorded && recorded !== wanted) || hr.metadata.deletionTimestamp) {
    await deleteRecorded(hr, resources, events);
    if (hr.metadata.deletionTimestamp) return;
  }
  if (!hr.spec.chart) return;
  const chart = helmChartFromTemplate(hr);
  const ref = { ...HELM_CHART, namespace: chart.metadata.namespace, name: chart.metadata.name };
  let before: KubeObject | undefined;
  try {
    before = await resources.get(ref);
    const after = await resources.apply(chart, { fieldManager: HELM_CONTROLLER, force: true });
    if (
      !before ||
      before.metadata.generation !== after.metadata.generation ||
      before.metadata.resourceVersion !== after.metadata.resourceVersion
    ) {
      const action = before ? 'Configured' : 'Created';
      const src = chart.spec.sourceRef as { kind: string; name: string };
      const message = HrMessages.helmChartApplied(
        action,
        `HelmChart/${ref.namespace}/${ref.name}`,
        src.kind,
        ref.namespace ?? '',
        src.name,
      );
      await events.record(hr, 'Normal', `HelmChart${action}`, message, {});
    }
  } catch (error) {
    const message = `failed to run server-side apply: ${errorMessage(error)}`;
    await events.record(hr, 'Normal', 'HelmChartSyncErr', message, {});
    throw new ChartTemplateError(message);
  }
  (hr.status ??= {}).helmChart = wanted;
}
