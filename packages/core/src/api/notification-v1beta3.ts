import { z } from 'zod';
import { TIMEOUT_PATTERN, INTERVAL_PATTERN } from '../runtime/duration.js';
import { redactUrlCredentials } from '../runtime/redact.js';
import { READY_COLUMNS } from './crd.js';
import { SUSPENDED_COLUMN } from './kind-columns.js';
import { defineKind, type DisplayFact, type FluxObjectView, type PrinterColumn } from './kind-definition.js';
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
import type { ObjectMeta } from './meta.js';

/** Alert and Provider are stored at v1beta3 (still beta in Flux 2.x). */
export const NOTIFICATION_BETA_VERSION = 'v1beta3';
export const NOTIFICATION_BETA_API_VERSION = `${NOTIFICATION_GROUP}/${NOTIFICATION_BETA_VERSION}`;

/** Every Provider type Flux's CRD accepts (notification-controller api/v1beta3), in its order. */
export const FLUX_PROVIDER_TYPES = [
  'slack',
  'discord',
  'msteams',
  'rocket',
  'generic',
  'generic-hmac',
  'github',
  'gitlab',
  'gitea',
  'giteapullrequestcomment',
  'bitbucketserver',
  'bitbucket',
  'azuredevops',
  'googlechat',
  'googlepubsub',
  'webex',
  'sentry',
  'azureeventhub',
  'telegram',
  'lark',
  'matrix',
  'opsgenie',
  'alertmanager',
  'grafana',
  'githubdispatch',
  'githubpullrequestcomment',
  'gitlabmergerequestcomment',
  'pagerduty',
  'datadog',
  'nats',
  'zulip',
  'otel',
  'zoom',
  'incident.io',
] as const;

/** A Provider type. */
export type ProviderType = (typeof FLUX_PROVIDER_TYPES)[number];

/**
 * The types Tideline delivers to (one strategy each in notify/providers/). The rest of Flux's
 * enum is accepted by the CRD but every delivery fails visibly, never silently.
 */
export const DELIVERED_PROVIDER_TYPES: readonly ProviderType[] = [
  'generic',
  'generic-hmac',
  'slack',
  'msteams',
  'discord',
  'rocket',
  'googlechat',
  'webex',
  'telegram',
  'matrix',
  'lark',
  'zulip',
  'opsgenie',
  'pagerduty',
  'alertmanager',
  'grafana',
  'datadog',
  'sentry',
  'github',
  'gitlab',
  'gitea',
  'bitbucket',
  'bitbucketserver',
  'azuredevops',
];

/** Provider types that set commit statuses (they get `commit_status` events; `commitStatusExpr` applies). */
export const COMMIT_STATUS_PROVIDER_TYPES: readonly string[] = [
  'github',
  'gitlab',
  'gitea',
  'bitbucketserver',
  'bitbucket',
  'azuredevops',
];

/** Provider types that comment on change requests (they need `change_request` metadata). */
export const CHANGE_REQUEST_PROVIDER_TYPES: readonly string[] = [
  'githubpullrequestcomment',
  'gitlabmergerequestcomment',
  'giteapullrequestcomment',
];

const CEL_COMMIT_STATUS_MESSAGE = `spec.commitStatusExpr is only supported for the ${COMMIT_STATUS_PROVIDER_TYPES.map(
  (t) => `'${t}'`,
).join(', ')} provider types`;

/** Alert spec (v1beta3), validated as the CRD validates it. */
export const AlertSpecSchema = z.object({
  providerRef: LocalRefSchema,
  eventSeverity: z.enum(['info', 'error']).default('info'),
  eventSources: z.array(CrossNamespaceObjectRefSchema),
  inclusionList: z.array(z.string()).optional(),
  eventMetadata: z.record(z.string(), z.string()).optional(),
  exclusionList: z.array(z.string()).optional(),
  summary: z.string().max(255).optional(),
  suspend: z.boolean().optional(),
});

/** Alert spec (input form). */
export type AlertSpec = z.input<typeof AlertSpecSchema>;

/** Provider spec fields (v1beta3), without the CRD's cross-field rule. */
const ProviderSpecFields = z.object({
  type: z.enum(FLUX_PROVIDER_TYPES),
  interval: z.string().regex(INTERVAL_PATTERN).optional(),
  channel: z.string().max(2048).optional(),
  username: z.string().max(2048).optional(),
  address: z.string().max(2048).optional(),
  timeout: z.string().regex(TIMEOUT_PATTERN).optional(),
  proxy: z
    .string()
    .max(2048)
    .regex(/^(http|https):\/\/.*$/)
    .optional(),
  proxySecretRef: LocalRefSchema.optional(),
  secretRef: LocalRefSchema.optional(),
  serviceAccountName: z.string().optional(),
  certSecretRef: LocalRefSchema.optional(),
  suspend: z.boolean().optional(),
  commitStatusExpr: z.string().optional(),
});

/** Provider spec (v1beta3), validated as the CRD validates it (its CEL rule included). */
export const ProviderSpecSchema = ProviderSpecFields.refine(
  (spec) => spec.commitStatusExpr === undefined || COMMIT_STATUS_PROVIDER_TYPES.includes(spec.type),
  {
    message: CEL_COMMIT_STATUS_MESSAGE,
  },
);

/** Provider spec (input form). */
export type ProviderSpec = z.input<typeof ProviderSpecSchema>;

/** What Tideline writes under a Provider's status: its last delivery (dashboard only; Flux keeps none). */
export interface ProviderStatus {
  observedGeneration?: number;
  conditions?: { type: string; status: string; reason: string; message: string }[];
  lastDelivery?: ProviderDelivery;
}

/** The outcome of the last notification sent through a Provider. */
export interface ProviderDelivery {
  time: string;
  /** `Succeeded` or `Failed`. */
  result: 'Succeeded' | 'Failed';
  /** `<Kind>/<namespace>/<name>` of the event's object. */
  event: string;
  /** The Alert that routed it, `<namespace>/<name>`. */
  alert: string;
  /** Failure text, tokens masked. */
  message?: string;
}

/** notification.toolkit.fluxcd.io/v1beta3 Alert (no status in Flux). */
export interface Alert {
  apiVersion: typeof NOTIFICATION_BETA_API_VERSION;
  kind: 'Alert';
  metadata: ObjectMeta;
  spec: AlertSpec;
}

/** notification.toolkit.fluxcd.io/v1beta3 Provider. */
export interface Provider {
  apiVersion: typeof NOTIFICATION_BETA_API_VERSION;
  kind: 'Provider';
  metadata: ObjectMeta;
  spec: ProviderSpec;
  status?: ProviderStatus;
}

/** v1beta3 prints only Age; v1beta2 still had Ready and Status columns. */
const AGE_ONLY: PrinterColumn[] = READY_COLUMNS.slice(0, 1);
const NOTIFICATION_CATEGORIES = ['all', 'fluxcd', 'fluxcd-notifications'] as const;

function alertSources(obj: FluxObjectView): CrossNamespaceObjectRef[] {
  return Array.isArray(obj.spec?.eventSources) ? (obj.spec.eventSources as CrossNamespaceObjectRef[]) : [];
}

function alertFacts(obj: FluxObjectView): DisplayFact[] {
  const namespace = obj.metadata.namespace ?? '';
  const provider = (obj.spec?.providerRef as { name?: string } | undefined)?.name ?? '';
  const sources = alertSources(obj).map((ref) => describeRef(obj, ref));
  return [
    { label: 'Provider', value: provider, objectId: `Provider/${namespace}/${provider}` },
    { label: 'Severity', value: String(obj.spec?.eventSeverity ?? 'info') },
    { label: 'Event sources', value: sources.join(', ') || '(none)' },
  ];
}

function providerFacts(obj: FluxObjectView): DisplayFact[] {
  const type = String(obj.spec?.type ?? '');
  const delivered = (DELIVERED_PROVIDER_TYPES as readonly string[]).includes(type);
  const facts: DisplayFact[] = [
    { label: 'Type', value: delivered ? type : `${type} (not supported by Tideline: nothing is delivered)` },
  ];
  if (typeof obj.spec?.channel === 'string') facts.push({ label: 'Channel', value: obj.spec.channel });
  // spec.address is not secret, but a URL may still carry credentials: they are redacted.
  if (typeof obj.spec?.address === 'string')
    facts.push({ label: 'Address', value: redactUrlCredentials(obj.spec.address), mono: true });
  if (typeof obj.spec?.secretRef === 'object')
    facts.push({
      label: 'Address from Secret',
      value: String((obj.spec.secretRef as { name?: string }).name),
    });
  const last = obj.status?.lastDelivery as ProviderDelivery | undefined;
  facts.push({
    label: 'Last delivery',
    value: last
      ? `${last.result} at ${last.time} (${last.event} via Alert ${last.alert})${last.message ? `: ${last.message}` : ''}`
      : 'none yet',
  });
  return facts;
}

/** The Alert kind: which events go to which Provider. */
export const AlertKind = defineKind({
  group: NOTIFICATION_GROUP,
  kind: 'Alert',
  plural: 'alerts',
  singular: 'alert',
  shortNames: [],
  categories: NOTIFICATION_CATEGORIES,
  versions: [
    { name: NOTIFICATION_BETA_VERSION, columns: AGE_ONLY },
    {
      ...olderVersion('v1beta2', 'Alert', AlertSpecSchema, NOTIFICATION_BETA_VERSION),
      columns: READY_COLUMNS,
    },
  ],
  spec: AlertSpecSchema,
  columns: AGE_ONLY,
  controller: 'notification-controller',
  traits: { artifact: false, suspend: true, inventory: false, dependsOn: false, reconcilable: false },
  revision: () => '',
  // Every event source feeds the Alert; the Alert notifies its Provider.
  edges: (obj, world) => [
    ...alertSources(obj).flatMap((ref) =>
      resolveObjectRef(obj, ref, world).map((from) => ({ from, to: refOf(obj), type: 'notifies' as const })),
    ),
    ...(typeof (obj.spec?.providerRef as { name?: unknown } | undefined)?.name === 'string'
      ? [
          {
            from: refOf(obj),
            to: {
              kind: 'Provider',
              namespace: obj.metadata.namespace ?? '',
              name: (obj.spec?.providerRef as { name: string }).name,
            },
            type: 'notifies' as const,
          },
        ]
      : []),
  ],
  cli: {
    noun: 'alert',
    listNoun: 'alerts',
    aliases: [],
    columns: [SUSPENDED_COLUMN],
    staticReady: { ready: 'True', message: 'Alert is Ready' },
    isStatic: () => true,
    successLine: () => 'Alert is Ready',
  },
  display: { revisionLabel: 'Revision', sections: ['events', 'spec'], facts: alertFacts },
});

/** The Provider kind: where and how notifications are sent. */
export const ProviderKind = defineKind({
  group: NOTIFICATION_GROUP,
  kind: 'Provider',
  plural: 'providers',
  singular: 'provider',
  shortNames: [],
  categories: NOTIFICATION_CATEGORIES,
  versions: [
    { name: NOTIFICATION_BETA_VERSION, columns: AGE_ONLY },
    {
      ...olderVersion('v1beta2', 'Provider', ProviderSpecFields, NOTIFICATION_BETA_VERSION),
      columns: READY_COLUMNS,
    },
  ],
  spec: ProviderSpecSchema,
  columns: AGE_ONLY,
  controller: 'notification-controller',
  traits: { artifact: false, suspend: true, inventory: false, dependsOn: false, reconcilable: false },
  revision: () => '',
  edges: () => [],
  cli: {
    noun: 'alert-provider',
    listNoun: 'alert-providers',
    aliases: [],
    columns: [],
    staticReady: { ready: 'True', message: 'Provider is Ready' },
    isStatic: () => true,
    successLine: () => 'Provider is Ready',
  },
  display: { revisionLabel: 'Revision', sections: ['conditions', 'events', 'spec'], facts: providerFacts },
});
