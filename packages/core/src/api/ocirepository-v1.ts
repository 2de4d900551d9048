import { z } from 'zod';
import { INTERVAL_PATTERN, TIMEOUT_PATTERN } from '../runtime/duration.js';
import { artifactRevision } from './kind-columns.js';
import { defineKind } from './kind-definition.js';
import { olderVersion } from './served-versions.js';
import { SOURCE_TRAITS, sourceCli } from './source-kind-parts.js';
import type { Artifact, Condition, ObjectMeta } from './meta.js';
import { SOURCE_API_VERSION, SOURCE_GROUP, SOURCE_VERSION } from './source-v1.js';

const localRef = z.object({ name: z.string().min(1) });

/** `spec.layerSelector`: which layer to take and whether to unpack it or keep the tarball. */
export const OciLayerSelectorSchema = z.object({
  mediaType: z.string().optional(),
  operation: z.enum(['extract', 'copy']).optional(),
});

/** OCIRepository spec, validated as the CRD validates it (source-controller api/v1). */
export const OCIRepositorySpecSchema = z.object({
  url: z.string().regex(/^oci:\/\/.*$/),
  ref: z
    .object({
      digest: z.string().optional(),
      semver: z.string().optional(),
      semverFilter: z.string().optional(),
      tag: z.string().optional(),
    })
    .optional(),
  layerSelector: OciLayerSelectorSchema.optional(),
  provider: z.enum(['generic', 'aws', 'azure', 'gcp']).default('generic'),
  secretRef: localRef.optional(),
  verify: z
    .object({ provider: z.enum(['cosign', 'notation']).default('cosign'), secretRef: localRef.optional() })
    .passthrough()
    .optional(),
  serviceAccountName: z.string().optional(),
  certSecretRef: localRef.optional(),
  proxySecretRef: localRef.optional(),
  interval: z.string().regex(INTERVAL_PATTERN),
  timeout: z.string().regex(TIMEOUT_PATTERN).default('60s'),
  ignore: z.string().optional(),
  insecure: z.boolean().optional(),
  suspend: z.boolean().optional(),
});

/** OCIRepository spec (input form: defaults may be absent). */
export type OCIRepositorySpec = z.input<typeof OCIRepositorySpecSchema>;
/** `spec.layerSelector`. */
export type OciLayerSelector = z.infer<typeof OciLayerSelectorSchema>;

/** OCIRepository status. */
export interface OCIRepositoryStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  /** The artifact's URL in storage (Flux: the `latest.tar.gz` link). */
  url?: string;
  artifact?: Artifact;
  observedIgnore?: string;
  observedLayerSelector?: OciLayerSelector;
  lastHandledReconcileAt?: string;
}

/** OCIRepository reasons, spelled as source-controller spells them. */
export const OciReason = {
  OCIArtifactPullFailed: 'OCIArtifactPullFailed',
  OCIArtifactLayerOperationFailed: 'OCIArtifactLayerOperationFailed',
  ReadOperationFailed: 'ReadOperationFailed',
} as const;

/** source.toolkit.fluxcd.io/v1 OCIRepository. */
export interface OCIRepository {
  apiVersion: typeof SOURCE_API_VERSION;
  kind: 'OCIRepository';
  metadata: ObjectMeta;
  spec: OCIRepositorySpec;
  status?: OCIRepositoryStatus;
}

/** The OCIRepository kind: its CRD, served versions, CLI words, graph edges and screens. */
export const OCIRepositoryKind = defineKind({
  group: SOURCE_GROUP,
  kind: 'OCIRepository',
  plural: 'ocirepositories',
  singular: 'ocirepository',
  shortNames: ['ocirepo'],
  categories: ['fluxcd', 'fluxcd-sources'],
  versions: [{ name: SOURCE_VERSION }, olderVersion('v1beta2', 'OCIRepository', OCIRepositorySpecSchema)],
  spec: OCIRepositorySpecSchema,
  columns: [
    { name: 'URL', type: 'string', jsonPath: '.spec.url' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  controller: 'source-controller',
  traits: SOURCE_TRAITS,
  revision: artifactRevision,
  edges: () => [],
  cli: sourceCli('oci'),
  display: { revisionLabel: 'Artifact revision', sections: ['conditions', 'events', 'spec'] },
});
