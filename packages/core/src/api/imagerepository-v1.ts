import { z } from 'zod';
import { INTERVAL_PATTERN, TIMEOUT_PATTERN } from '../runtime/duration.js';
import { SUSPENDED_COLUMN } from './kind-columns.js';
import { defineKind, type DisplayFact } from './kind-definition.js';
import {
  IMAGE_API_VERSION,
  IMAGE_CATEGORIES,
  IMAGE_GROUP,
  IMAGE_TRAITS,
  IMAGE_VERSION,
  rfc3339,
  statusOf,
} from './image-group.js';
import { LocalRefSchema } from './notification-refs.js';
import type { Condition, ObjectMeta } from './meta.js';
import { olderVersion } from './served-versions.js';

/** Flux's default `spec.exclusionList`: cosign signature tags are not images. */
export const DEFAULT_EXCLUSION_LIST: readonly string[] = ['^.*\\.sig$'];

/** `spec.accessFrom` (fluxcd/pkg apis/acl): which namespaces' ImagePolicies may reference this one. */
export const AccessFromSchema = z.object({
  namespaceSelectors: z.array(z.object({ matchLabels: z.record(z.string(), z.string()).optional() })),
});

/** ImageRepository spec, validated as the CRD validates it (image-reflector-controller api/v1). */
export const ImageRepositorySpecSchema = z.object({
  image: z.string(),
  interval: z.string().regex(INTERVAL_PATTERN),
  timeout: z.string().regex(TIMEOUT_PATTERN).optional(),
  secretRef: LocalRefSchema.optional(),
  proxySecretRef: LocalRefSchema.optional(),
  serviceAccountName: z.string().max(253).optional(),
  certSecretRef: LocalRefSchema.optional(),
  suspend: z.boolean().optional(),
  accessFrom: AccessFromSchema.optional(),
  exclusionList: z
    .array(z.string())
    .max(25)
    .default([...DEFAULT_EXCLUSION_LIST]),
  provider: z.enum(['generic', 'aws', 'azure', 'gcp']).default('generic'),
  insecure: z.boolean().optional(),
});

/** ImageRepository spec (input form: defaults may be absent). */
export type ImageRepositorySpec = z.input<typeof ImageRepositorySpecSchema>;

/** `status.lastScanResult`. */
export interface ScanResult {
  /** Checksum of the stored tag list (Adler-32, decimal). */
  revision: string;
  /** Tags after the exclusion list. */
  tagCount: number;
  scanTime: string;
  /** The first 10 tags in reverse byte order (not semver order). */
  latestTags?: string[];
}

/** ImageRepository status. */
export interface ImageRepositoryStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  canonicalImageName?: string;
  lastScanResult?: ScanResult;
  observedExclusionList?: string[];
  lastHandledReconcileAt?: string;
}

/** image-reflector-controller's reasons (api/v1 condition_types.go). */
export const ImageReason = {
  ImageURLInvalid: 'ImageURLInvalid',
  DependencyNotReady: 'DependencyNotReady',
  AuthenticationFailed: 'AuthenticationFailed',
  ReadOperationFailed: 'ReadOperationFailed',
  IntervalNotConfigured: 'IntervalNotConfigured',
  InvalidPolicy: 'InvalidPolicy',
  /** metav1.StatusFailure. */
  Failure: 'Failure',
  FeatureGateDisabled: 'FeatureGateDisabled',
} as const;

/** image.toolkit.fluxcd.io/v1 ImageRepository. */
export interface ImageRepository {
  apiVersion: typeof IMAGE_API_VERSION;
  kind: 'ImageRepository';
  metadata: ObjectMeta;
  spec: ImageRepositorySpec;
  status?: ImageRepositoryStatus;
}

function lastScan(obj: { status?: Record<string, unknown> }): Partial<ScanResult> {
  const scan = obj.status?.lastScanResult;
  return scan && typeof scan === 'object' ? (scan as Partial<ScanResult>) : {};
}

function repositoryFacts(obj: Parameters<typeof statusOf>[0]): DisplayFact[] {
  const scan = lastScan(obj);
  const canonical = statusOf(obj).canonicalImageName;
  const facts: DisplayFact[] = [{ label: 'Image', value: String(obj.spec?.image ?? ''), mono: true }];
  if (typeof canonical === 'string' && canonical)
    facts.push({ label: 'Canonical name', value: canonical, mono: true });
  facts.push({ label: 'Last scan', value: rfc3339(scan.scanTime) || 'never' });
  facts.push({ label: 'Tags', value: typeof scan.tagCount === 'number' ? String(scan.tagCount) : '—' });
  if (scan.latestTags?.length)
    facts.push({ label: 'Latest tags', value: scan.latestTags.join(', '), mono: true });
  return facts;
}

/** The ImageRepository kind: its CRD, served versions, CLI words, graph edges and screens. */
export const ImageRepositoryKind = defineKind({
  group: IMAGE_GROUP,
  kind: 'ImageRepository',
  plural: 'imagerepositories',
  singular: 'imagerepository',
  shortNames: ['imgrepo', 'imagerepo'],
  categories: IMAGE_CATEGORIES,
  versions: [{ name: IMAGE_VERSION }, olderVersion('v1beta2', 'ImageRepository', ImageRepositorySpecSchema)],
  spec: ImageRepositorySpecSchema,
  columns: [
    { name: 'Image', type: 'string', jsonPath: '.spec.image' },
    { name: 'Tags', type: 'string', jsonPath: '.status.lastScanResult.tagCount' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message' },
    { name: 'Last scan', type: 'string', jsonPath: '.status.lastScanResult.scanTime', priority: 1 },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  controller: 'image-reflector-controller',
  traits: IMAGE_TRAITS,
  revision: (obj) => {
    const revision = lastScan(obj).revision;
    return typeof revision === 'string' ? revision : '';
  },
  edges: () => [],
  cli: {
    noun: 'image repository',
    listNoun: 'images repository',
    aliases: [],
    columns: [{ header: 'LAST SCAN', cell: (obj) => rfc3339(lastScan(obj).scanTime) }, SUSPENDED_COLUMN],
    successLine: (obj) => `scan fetched ${lastScan(obj).tagCount ?? 0} tags`,
  },
  display: {
    revisionLabel: 'Tag list checksum',
    sections: ['conditions', 'events', 'spec'],
    facts: repositoryFacts,
  },
});
