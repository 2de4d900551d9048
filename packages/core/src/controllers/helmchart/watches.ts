import type { KubeObject } from '../../kube/objects.js';

type ChartRef = KubeObject & { spec?: { sourceRef?: { kind?: string; name?: string } } };

/**
 * The HelmCharts built from a source (same namespace, matching kind and name): the ones to wake
 * when the source stores a new artifact, as source-controller's `requestsFor…Change` do. Pure.
 */
export function chartsUsing<T extends ChartRef>(source: KubeObject, charts: readonly T[]): T[] {
  return charts.filter(
    (chart) =>
      chart.metadata.namespace === source.metadata.namespace &&
      chart.spec?.sourceRef?.kind === source.kind &&
      chart.spec.sourceRef.name === source.metadata.name,
  );
}
