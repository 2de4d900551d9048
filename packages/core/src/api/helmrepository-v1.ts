import { z } from 'zod';
import { INTERVAL_PATTERN, TIMEOUT_PATTERN } from '../runtime/duration.js';
import { READY_COLUMNS, type KindDefinition } from './crd.js';
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

/** The HelmRepository kind, from which its CRD is generated. */
export const HelmRepositoryKind: KindDefinition = {
  group: SOURCE_GROUP,
  version: SOURCE_VERSION,
  kind: 'HelmRepository',
  plural: 'helmrepositories',
  singular: 'helmrepository',
  shortNames: ['helmrepo'],
  categories: ['fluxcd', 'fluxcd-sources'],
  spec: HelmRepositorySpecSchema,
  columns: [
    { name: 'URL', type: 'string', jsonPath: '.spec.url' },
    ...READY_COLUMNS,
    { name: 'Revision', type: 'string', jsonPath: '.status.artifact.revision' },
  ],
};
