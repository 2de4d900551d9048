import { z } from 'zod';
import { INTERVAL_PATTERN } from '../runtime/duration.js';
import { READY_COLUMNS } from './crd.js';
import { artifactRevision } from './kind-columns.js';
import { defineKind } from './kind-definition.js';
import { refFrom, sourceRefEdges } from './kind-edges.js';
import { olderVersion } from './served-versions.js';
import { SOURCE_TRAITS, sourceCli } from './source-kind-parts.js';
import type { Artifact, Condition, ObjectMeta } from './meta.js';
import { SOURCE_API_VERSION, SOURCE_GROUP, SOURCE_VERSION } from './source-v1.js';

/** The source kinds a HelmChart may point at (the CRD's enum; Tideline serves no Bucket yet). */
export const HELM_CHART_SOURCE_KINDS = ['HelmRepository', 'GitRepository', 'Bucket'] as const;

/** `spec.reconcileStrategy` values: rebuild on a new chart version, or on every source revision. */
export const ReconcileStrategy = { ChartVersion: 'ChartVersion', Revision: 'Revision' } as const;

/** HelmChart spec, validated as the CRD validates it. */
export const HelmChartSpecSchema = z.object({
  chart: z.string().min(1),
  version: z.string().default('*'),
  sourceRef: z.object({
    apiVersion: z.string().optional(),
    kind: z.enum(HELM_CHART_SOURCE_KINDS),
    name: z.string().min(1),
  }),
  interval: z.string().regex(INTERVAL_PATTERN),
  reconcileStrategy: z
    .enum([ReconcileStrategy.ChartVersion, ReconcileStrategy.Revision])
    .default(ReconcileStrategy.ChartVersion),
  valuesFiles: z.array(z.string()).optional(),
  ignoreMissingValuesFiles: z.boolean().optional(),
  suspend: z.boolean().optional(),
  verify: z.object({}).passthrough().optional(),
});

/** HelmChart spec (input form: defaults may be absent). */
export type HelmChartSpec = z.input<typeof HelmChartSpecSchema>;

/** HelmChart status (source-controller api/v1). */
export interface HelmChartStatus {
  observedGeneration?: number;
  /** The source's artifact revision the last build looked at. */
  observedSourceArtifactRevision?: string;
  /** The chart name of the stored artifact. */
  observedChartName?: string;
  /** With `ignoreMissingValuesFiles`: the values files that were found and merged. */
  observedValuesFiles?: string[];
  conditions?: Condition[];
  url?: string;
  artifact?: Artifact;
  lastHandledReconcileAt?: string;
}

/** HelmChart-specific reasons, spelled as source-controller spells them. */
export const HelmChartReason = {
  ChartPullSucceeded: 'ChartPullSucceeded',
  ChartPackageSucceeded: 'ChartPackageSucceeded',
  NoSourceArtifact: 'NoSourceArtifact',
  SourceUnavailable: 'SourceUnavailable',
  UnsupportedSourceKind: 'UnsupportedSourceKind',
  NewChart: 'NewChart',
} as const;

/** source.toolkit.fluxcd.io/v1 HelmChart. */
export interface HelmChart {
  apiVersion: typeof SOURCE_API_VERSION;
  kind: 'HelmChart';
  metadata: ObjectMeta;
  spec: HelmChartSpec;
  status?: HelmChartStatus;
}

/** The HelmChart kind (Flux's printer columns, short name `hc`; REVISION is a chart version, never shortened). */
export const HelmChartKind = defineKind({
  group: SOURCE_GROUP,
  kind: 'HelmChart',
  plural: 'helmcharts',
  singular: 'helmchart',
  shortNames: ['hc'],
  categories: ['all', 'fluxcd', 'fluxcd-sources'],
  versions: [{ name: SOURCE_VERSION }, olderVersion('v1beta2', 'HelmChart', HelmChartSpecSchema)],
  spec: HelmChartSpecSchema,
  columns: [
    { name: 'Chart', type: 'string', jsonPath: '.spec.chart' },
    { name: 'Version', type: 'string', jsonPath: '.spec.version' },
    { name: 'Source Kind', type: 'string', jsonPath: '.spec.sourceRef.kind' },
    { name: 'Source Name', type: 'string', jsonPath: '.spec.sourceRef.name' },
    ...READY_COLUMNS,
  ],
  controller: 'source-controller',
  traits: SOURCE_TRAITS,
  revision: artifactRevision,
  edges: sourceRefEdges,
  cli: sourceCli('chart', { truncateRevision: false }),
  display: {
    revisionLabel: 'Chart version',
    sections: ['conditions', 'events', 'spec'],
    facts: (obj) => {
      const source = refFrom(obj, obj.spec?.sourceRef);
      return [
        {
          label: 'Chart',
          value: `${String(obj.spec?.chart ?? '')} ${String(obj.spec?.version ?? '*')}`,
          mono: true,
        },
        ...(source
          ? [
              {
                label: 'Chart source',
                value: source.name,
                objectId: `${source.kind}/${source.namespace}/${source.name}`,
              },
            ]
          : []),
      ];
    },
  },
});
