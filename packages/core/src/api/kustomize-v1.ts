import { z } from 'zod';
import { INTERVAL_PATTERN } from '../runtime/duration.js';
import { READY_COLUMNS } from './crd.js';
import { lastAppliedRevision, revisionColumn, SUSPENDED_COLUMN } from './kind-columns.js';
import { defineKind } from './kind-definition.js';
import { dependsOnEdges, inventoryEdges, sourceRefEdges } from './kind-edges.js';
import { olderVersion } from './served-versions.js';
import { CustomHealthCheckSchema } from './helmrelease-spec.js';
import type { Condition, CrossNamespaceSourceReference, DependencyReference, ObjectMeta } from './meta.js';

/** API group and version of Flux Kustomizations. */
export const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const KUSTOMIZE_VERSION = 'v1';
export const KUSTOMIZE_API_VERSION = `${KUSTOMIZE_GROUP}/${KUSTOMIZE_VERSION}`;

const selector = z.object({
  group: z.string().optional(),
  version: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  labelSelector: z.string().optional(),
  annotationSelector: z.string().optional(),
});

/** Kustomization spec, validated as the CRD validates it. */
export const KustomizationSpecSchema = z.object({
  sourceRef: z.object({
    apiVersion: z.string().optional(),
    kind: z.enum(['OCIRepository', 'GitRepository', 'Bucket', 'ExternalArtifact']),
    name: z.string().min(1),
    namespace: z.string().optional(),
  }),
  path: z.string().optional(),
  interval: z.string().regex(INTERVAL_PATTERN),
  retryInterval: z.string().regex(INTERVAL_PATTERN).optional(),
  timeout: z.string().regex(INTERVAL_PATTERN).optional(),
  prune: z.boolean(),
  suspend: z.boolean().optional(),
  force: z.boolean().default(false),
  wait: z.boolean().optional(),
  dependsOn: z.array(z.object({ name: z.string(), namespace: z.string().optional() })).optional(),
  targetNamespace: z.string().min(1).max(63).optional(),
  namePrefix: z.string().min(1).max(200).optional(),
  nameSuffix: z.string().min(1).max(200).optional(),
  serviceAccountName: z.string().optional(),
  deletionPolicy: z.enum(['MirrorPrune', 'Delete', 'WaitForTermination', 'Orphan']).optional(),
  healthChecks: z
    .array(
      z.object({
        apiVersion: z.string().optional(),
        kind: z.string(),
        name: z.string(),
        namespace: z.string().optional(),
      }),
    )
    .optional(),
  patches: z.array(z.object({ patch: z.string(), target: selector.optional() })).optional(),
  images: z
    .array(
      z.object({
        name: z.string(),
        newName: z.string().optional(),
        newTag: z.string().optional(),
        digest: z.string().optional(),
      }),
    )
    .optional(),
  components: z.array(z.string()).optional(),
  ignoreMissingComponents: z.boolean().optional(),
  buildMetadata: z.array(z.enum(['originAnnotations', 'transformerAnnotations'])).optional(),
  commonMetadata: z
    .object({
      labels: z.record(z.string(), z.string()).optional(),
      annotations: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  postBuild: z
    .object({
      substitute: z.record(z.string(), z.string()).optional(),
      substituteFrom: z
        .array(
          z.object({
            kind: z.enum(['Secret', 'ConfigMap']),
            name: z.string().min(1).max(253),
            optional: z.boolean().optional(),
          }),
        )
        .optional(),
      substituteStrategy: z.enum(['WithVariables', 'Always']).optional(),
    })
    .optional(),
  kubeConfig: z
    .object({
      secretRef: z.object({ name: z.string().min(1), key: z.string().optional() }).optional(),
      configMapRef: z.object({ name: z.string().min(1) }).optional(),
    })
    .optional(),
  decryption: z
    .object({
      provider: z.string().optional(),
      secretRef: z.object({ name: z.string() }).optional(),
      serviceAccountName: z.string().optional(),
    })
    .passthrough()
    .optional(),
  healthCheckExprs: z.array(CustomHealthCheckSchema).optional(),
});

/** Kustomization spec (input form). */
export type KustomizationSpec = z.input<typeof KustomizationSpecSchema> & {
  sourceRef: CrossNamespaceSourceReference;
  dependsOn?: DependencyReference[];
};

/** One inventory entry: `<ns>_<name>_<group>_<kind>` and the API version. */
export interface InventoryEntry {
  id: string;
  v: string;
}

/** Kustomization status. */
export interface KustomizationStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  lastAppliedRevision?: string;
  /** The source's origin revision (an OCI artifact's `org.opencontainers.image.revision`), when it has one. */
  lastAppliedOriginRevision?: string;
  lastAttemptedRevision?: string;
  lastHandledReconcileAt?: string;
  inventory?: { entries: InventoryEntry[] };
  /** Up to 5 snapshots of recent reconciles, newest first (fluxcd/pkg `History`). */
  history?: {
    digest: string;
    firstReconciled: string;
    lastReconciled: string;
    lastReconciledDuration: string;
    lastReconciledStatus: string;
    totalReconciliations: number;
    metadata?: Record<string, string>;
  }[];
}

/** kustomize.toolkit.fluxcd.io/v1 Kustomization. */
export interface Kustomization {
  apiVersion: typeof KUSTOMIZE_API_VERSION;
  kind: 'Kustomization';
  metadata: ObjectMeta;
  spec: KustomizationSpec;
  status?: KustomizationStatus;
}

/** The Kustomization kind, from which its CRD is generated. */
export const KustomizationKind = defineKind({
  group: KUSTOMIZE_GROUP,
  kind: 'Kustomization',
  plural: 'kustomizations',
  singular: 'kustomization',
  shortNames: ['ks'],
  categories: ['fluxcd', 'fluxcd-appliers'],
  versions: [{ name: KUSTOMIZE_VERSION }, olderVersion('v1beta2', 'Kustomization', KustomizationSpecSchema)],
  spec: KustomizationSpecSchema,
  columns: [...READY_COLUMNS, { name: 'Revision', type: 'string', jsonPath: '.status.lastAppliedRevision' }],
  controller: 'kustomize-controller',
  traits: { artifact: false, suspend: true, inventory: true, dependsOn: true, reconcilable: true },
  revision: lastAppliedRevision,
  edges: (obj) => [...sourceRefEdges(obj), ...dependsOnEdges(obj), ...inventoryEdges(obj)],
  cli: {
    noun: 'kustomization',
    listNoun: 'kustomizations',
    aliases: ['ks'],
    columns: [revisionColumn(lastAppliedRevision), SUSPENDED_COLUMN],
    successLine: (obj) => `applied revision ${lastAppliedRevision(obj)}`,
  },
  display: {
    revisionLabel: 'Last applied revision',
    sections: ['conditions', 'events', 'inventory', 'spec'],
  },
});

/** Owner labels stamped on every applied object. */
export const KUSTOMIZE_NAME_LABEL = `${KUSTOMIZE_GROUP}/name`;
export const KUSTOMIZE_NAMESPACE_LABEL = `${KUSTOMIZE_GROUP}/namespace`;
