import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { Artifact, Condition } from '../../api/meta.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { KubeObject } from '../../kube/objects.js';
import { hrNamespace, type Hr } from './release-spec.js';

/** A chart source as the reconciler reads it. */
export type ChartSource = KubeObject & {
  status?: { observedGeneration?: number; conditions?: Condition[]; artifact?: Artifact };
};

/** A cross-namespace reference the engine's flags forbid (Flux: `AccessDenied`, terminal). */
export class AccessDeniedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}

/** The source object does not exist (Flux's message quotes the API's NotFound). */
export class SourceNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceNotFoundError';
  }
}

const PLURALS: Record<string, string> = {
  HelmChart: 'helmcharts.source.toolkit.fluxcd.io',
  OCIRepository: 'ocirepositories.source.toolkit.fluxcd.io',
  ExternalArtifact: 'externalartifacts.source.toolkit.fluxcd.io',
};

/** Which object a HelmRelease reads its chart from: `chartRef`, else its generated HelmChart. Pure. */
export function chartSourceRef(hr: Hr): { kind: string; namespace: string; name: string } {
  if (hr.spec.chartRef) {
    return {
      kind: hr.spec.chartRef.kind,
      namespace: hr.spec.chartRef.namespace || hrNamespace(hr),
      name: hr.spec.chartRef.name,
    };
  }
  const [namespace = '', name = ''] = (hr.status?.helmChart ?? '').split('/');
  return { kind: 'HelmChart', namespace, name };
}

/** `getSource`: the chart source, with Flux's ACL and not-found messages. */
export async function getChartSource(
  hr: Hr,
  reader: ObjectReader,
  noCrossNamespaceRefs: boolean,
): Promise<ChartSource> {
  const ref = chartSourceRef(hr);
  if (noCrossNamespaceRefs && ref.namespace !== hrNamespace(hr)) {
    throw new AccessDeniedError(
      `can't access '${ref.kind}/${ref.namespace}/${ref.name}', cross-namespace references have been blocked`,
    );
  }
  if (ref.kind === 'ExternalArtifact') {
    throw new AccessDeniedError(
      `can't access '${ref.kind}/${ref.namespace}/${ref.name}', ExternalArtifact feature gate is disabled`,
    );
  }
  const source = await reader.get<ChartSource>({ apiVersion: SOURCE_API_VERSION, ...ref });
  if (!source) throw new SourceNotFoundError(`${PLURALS[ref.kind] ?? ref.kind} "${ref.name}" not found`);
  return source;
}

/** `isSourceReady`: observed generation, not stalled, with an artifact; else Flux's message. Pure. */
export function sourceNotReady(source: ChartSource): string | undefined {
  const id = `${source.kind} '${source.metadata.namespace ?? ''}/${source.metadata.name}' is not ready`;
  const conditions = source.status?.conditions ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  if (source.metadata.generation !== source.status?.observedGeneration) {
    const message =
      ready?.status === 'False' ? ready.message : 'latest generation of object has not been reconciled';
    return `${id}: ${message}`;
  }
  const stalled = conditions.find((c) => c.type === 'Stalled' && c.status === 'True');
  if (stalled) return `${id}: ${stalled.message}`;
  if (!source.status?.artifact) return `${id}: does not have an artifact`;
  return undefined;
}
