import { z } from 'zod';
import { INTERVAL_PATTERN, TIMEOUT_PATTERN } from '../runtime/duration.js';
import { READY_COLUMNS } from './crd.js';
import { artifactRevision } from './kind-columns.js';
import { defineKind } from './kind-definition.js';
import { olderVersion } from './served-versions.js';
import { SOURCE_TRAITS, sourceCli } from './source-kind-parts.js';
import type { Artifact, Condition, ObjectMeta } from './meta.js';
import { SOURCE_API_VERSION, SOURCE_GROUP, SOURCE_VERSION } from './source-v1.js';

const localRef = z.object({ name: z.string().min(1) });

/** HelmRepository spec, validated as the CRD validates it. */
export const HelmRepositorySpecSchema = z.object({
  url: z.string().regex(/^(http|https|oci):\/\/.*$/),
  type: z.enum(['default', 'oci']).optional(),
  interval: z.string().regex(INTERVAL_PATTERN).optional(),
  timeout: z.string().regex(TIMEOUT_PATTERN).optional(),
  secretRef: localRef.optional(),
  certSecretRef: localRef.optional(),
  passCredentials: z.boolean().optional(),
  insecure: z.boolean().optional(),
  provider: z.enum(['generic', 'aws', 'azure', 'gcp']).optional(),
  accessFrom: z.object({}).passthrough().optional(),
  suspend: z.boolean().optional(),
});

/** HelmRepository spec (input form). */
export type HelmRepositorySpec = z.input<typeof HelmRepositorySpecSchema>;

/** source.toolkit.fluxcd.io/v1 HelmRepository. */
export interface HelmRepository {
  apiVersion: typeof SOURCE_API_VERSION;
  kind: 'HelmRepository';
  metadata: ObjectMeta;
  spec: HelmRepositorySpec;
  status?: {
    observedGeneration?: number;
    conditions?: Condition[];
    url?: string;
    artifact?: Artifact;
    lastHandledReconcileAt?: string;
  };
}

/** The HelmRepository kind: its CRD, served versions, CLI words, graph edges and screens. */
export const HelmRepositoryKind = defineKind({
  group: SOURCE_GROUP,
  kind: 'HelmRepository',
  plural: 'helmrepositories',
  singular: 'helmrepository',
  shortNames: ['helmrepo'],
  categories: ['fluxcd', 'fluxcd-sources'],
  versions: [{ name: SOURCE_VERSION }, olderVersion('v1beta2', 'HelmRepository', HelmRepositorySpecSchema)],
  spec: HelmRepositorySpecSchema,
  columns: [
    { name: 'URL', type: 'string', jsonPath: '.spec.url' },
    ...READY_COLUMNS,
    { name: 'Revision', type: 'string', jsonPath: '.status.artifact.revision' },
  ],
  controller: 'source-controller',
  traits: SOURCE_TRAITS,
  revision: artifactRevision,
  edges: () => [],
  // An OCI HelmRepository has no reconcile loop of its own (source-controller leaves it static).
  cli: { ...sourceCli('helm'), isStatic: (obj) => obj.spec?.type === 'oci' },
  display: { revisionLabel: 'Index revision', sections: ['conditions', 'events', 'spec'] },
});
