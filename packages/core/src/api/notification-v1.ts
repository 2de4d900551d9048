import { z } from 'zod';
import { INTERVAL_PATTERN } from '../runtime/duration.js';
import { READY_COLUMNS } from './crd.js';
import { SUSPENDED_COLUMN } from './kind-columns.js';
import { defineKind, type DisplayFact, type FluxObjectView } from './kind-definition.js';
import { refOf } from './kind-edges.js';
import {
  CrossNamespaceObjectRefSchema,
  describeRef,
  LocalRefSchema,
  NOTIFICATION_GROUP,
  resolveObjectRef,
  type CrossNamespaceObjectRef,
} from './notification-refs.js';
import { olderVersion } from './served-versions.js';
import type { Condition, ObjectMeta } from './meta.js';

/** Receiver is stored at v1. */
export const RECEIVER_VERSION = 'v1';
export const RECEIVER_API_VERSION = `${NOTIFICATION_GROUP}/${RECEIVER_VERSION}`;
/** Every Receiver path starts with this (notification-controller api/v1 `ReceiverWebhookPath`). */
export const RECEIVER_WEBHOOK_PREFIX = '/hook/';

/** Every Receiver type Flux's CRD accepts. */
export const FLUX_RECEIVER_TYPES = [
  'generic',
  'generic-hmac',
  'generic-oidc',
  'github',
  'gitlab',
  'bitbucket',
  'harbor',
  'dockerhub',
  'quay',
  'gcr',
  'nexus',
  'acr',
  'cdevents',
] as const;

/** A Receiver type. */
export type ReceiverType = (typeof FLUX_RECEIVER_TYPES)[number];

/** A `spec.resources` entry: a reference plus an optional per-resource CEL filter. */
export const ReceiverResourceSchema = CrossNamespaceObjectRefSchema.extend({ filter: z.string().optional() });

/** One OIDC provider of a `generic-oidc` Receiver (kept so such objects validate; Tideline refuses the type). */
const OidcProviderSchema = z.object({
  issuerURL: z.string().regex(/^https?:\/\//),
  audience: z.string().optional(),
  variables: z.array(z.object({ name: z.string(), expression: z.string() })).optional(),
  validations: z.array(z.object({ expression: z.string(), message: z.string() })).min(1),
});

const ReceiverSpecFields = z.object({
  type: z.enum(FLUX_RECEIVER_TYPES),
  interval: z.string().regex(INTERVAL_PATTERN).default('10m'),
  events: z.array(z.string()).optional(),
  resources: z.array(ReceiverResourceSchema),
  resourceFilter: z.string().optional(),
  secretRef: LocalRefSchema.optional(),
  oidcProviders: z.array(OidcProviderSchema).optional(),
  suspend: z.boolean().optional(),
});

/** Receiver spec (v1), validated as the CRD validates it (its CEL rules included). */
export const ReceiverSpecSchema = ReceiverSpecFields.refine(
  (s) => s.type === 'generic-oidc' || s.secretRef !== undefined,
  { message: 'secretRef is required when type is not generic-oidc' },
)
  .refine((s) => s.type !== 'generic-oidc' || s.secretRef === undefined, {
    message: 'secretRef cannot be set when type is generic-oidc',
  })
  .refine((s) => s.type !== 'generic-oidc' || (s.oidcProviders?.length ?? 0) > 0, {
    message: 'generic-oidc receivers must define at least one oidcProvider',
  })
  .refine((s) => s.type === 'generic-oidc' || (s.oidcProviders?.length ?? 0) === 0, {
    message: 'oidcProviders can only be set when type is generic-oidc',
  });

/** Receiver spec (input form). */
export type ReceiverSpec = z.input<typeof ReceiverSpecSchema>;

/** What Tideline records of the last webhook call (dashboard only; Flux keeps none). */
export interface ReceiverHit {
  time: string;
  /** The HTTP status answered. */
  status: number;
  /** How many objects were annotated. */
  annotated: number;
}

/** Receiver status. */
export interface ReceiverStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  webhookPath?: string;
  lastHandledReconcileAt?: string;
  /** Tideline only: the last verified (or refused) call, and how many calls since start. */
  lastRequest?: ReceiverHit;
}

/** notification.toolkit.fluxcd.io/v1 Receiver. */
export interface Receiver {
  apiVersion: typeof RECEIVER_API_VERSION;
  kind: 'Receiver';
  metadata: ObjectMeta;
  spec: ReceiverSpec;
  status?: ReceiverStatus;
}

function receiverResources(obj: FluxObjectView): CrossNamespaceObjectRef[] {
  return Array.isArray(obj.spec?.resources) ? (obj.spec.resources as CrossNamespaceObjectRef[]) : [];
}

function receiverFacts(obj: FluxObjectView): DisplayFact[] {
  const path = typeof obj.status?.webhookPath === 'string' ? obj.status.webhookPath : '';
  const last = obj.status?.lastRequest as ReceiverHit | undefined;
  return [
    { label: 'Type', value: String(obj.spec?.type ?? '') },
    { label: 'Webhook URL', value: path ? `<this server>${path}` : 'not ready', mono: true },
    {
      label: 'Resources',
      value: receiverResources(obj)
        .map((r) => describeRef(obj, r))
        .join(', '),
    },
    {
      label: 'Last request',
      value: last ? `${last.time}: HTTP ${last.status}, ${last.annotated} object(s) annotated` : 'none yet',
    },
  ];
}

/** The Receiver kind: a webhook that requests reconciles. */
export const ReceiverKind = defineKind({
  group: NOTIFICATION_GROUP,
  kind: 'Receiver',
  plural: 'receivers',
  singular: 'receiver',
  shortNames: [],
  categories: ['all', 'fluxcd', 'fluxcd-notifications'],
  versions: [{ name: RECEIVER_VERSION }, olderVersion('v1beta2', 'Receiver', ReceiverSpecFields)],
  spec: ReceiverSpecSchema,
  columns: READY_COLUMNS,
  controller: 'notification-controller',
  traits: { artifact: false, suspend: true, inventory: false, dependsOn: false, reconcilable: true },
  revision: (obj) => (typeof obj.status?.webhookPath === 'string' ? obj.status.webhookPath : ''),
  edges: (obj, world) =>
    receiverResources(obj).flatMap((ref) =>
      resolveObjectRef(obj, ref, world).map((to) => ({ from: refOf(obj), to, type: 'triggers' as const })),
    ),
  cli: {
    noun: 'receiver',
    listNoun: 'receivers',
    aliases: [],
    columns: [SUSPENDED_COLUMN],
    successLine: (obj) => {
      const conditions = (obj.status?.conditions ?? []) as { type: string; message: string }[];
      return conditions.find((c) => c.type === 'Ready')?.message ?? '';
    },
  },
  display: {
    revisionLabel: 'Webhook path',
    sections: ['conditions', 'events', 'spec'],
    facts: receiverFacts,
  },
});
