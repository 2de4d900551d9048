import { z } from 'zod';
import { INTERVAL_PATTERN } from '../runtime/duration.js';
import { SUSPENDED_COLUMN } from './kind-columns.js';
import { defineKind, type DisplayFact, type FluxObjectView, type KindEdge } from './kind-definition.js';
import { refFrom, refOf } from './kind-edges.js';
import {
  IMAGE_CATEGORIES,
  IMAGE_GROUP,
  IMAGE_TRAITS,
  IMAGE_VERSION,
  rfc3339,
  type ImageRef,
} from './image-group.js';
import { LocalRefSchema } from './notification-refs.js';
import { selectorMatches, type LabelSelector } from './label-selector.js';
import type { Condition, ObjectMeta } from './meta.js';
import { olderVersion } from './served-versions.js';

/** API group and version of image-automation-controller's kind (the same group as the reflector's). */
export const IMAGE_AUTOMATION_API_VERSION = `${IMAGE_GROUP}/${IMAGE_VERSION}`;

const GitRepositoryRefSchema = z.object({
  branch: z.string().optional(),
  tag: z.string().optional(),
  semver: z.string().optional(),
  name: z.string().optional(),
  commit: z.string().optional(),
});

const LabelSelectorSchema = z.object({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(z.object({ key: z.string(), operator: z.string(), values: z.array(z.string()).optional() }))
    .optional(),
});

/** `spec.git.commit.signingKey`: `type` is v1 only (v1beta2 signs with OpenPGP). */
const SigningKeySchema = z.object({ secretRef: LocalRefSchema, type: z.enum(['gpg', 'ssh']).optional() });

/** ImageUpdateAutomation spec, validated as the CRD validates it (image-automation-controller api/v1). */
export const ImageUpdateAutomationSpecSchema = z.object({
  sourceRef: z.object({
    apiVersion: z.string().optional(),
    kind: z.enum(['GitRepository']).default('GitRepository'),
    name: z.string(),
    namespace: z.string().optional(),
  }),
  git: z
    .object({
      checkout: z.object({ ref: GitRepositoryRefSchema }).optional(),
      commit: z.object({
        author: z.object({ name: z.string().optional(), email: z.string() }),
        signingKey: SigningKeySchema.optional(),
        messageTemplate: z.string().optional(),
        messageTemplateValues: z.record(z.string(), z.string()).optional(),
      }),
      push: z
        .object({
          branch: z.string().optional(),
          refspec: z.string().optional(),
          options: z.record(z.string(), z.string()).optional(),
        })
        .optional(),
    })
    .optional(),
  interval: z.string().regex(INTERVAL_PATTERN),
  policySelector: LabelSelectorSchema.optional(),
  update: z
    .object({ strategy: z.enum(['Setters']).default('Setters'), path: z.string().optional() })
    .default({ strategy: 'Setters' }),
  suspend: z.boolean().optional(),
});

/** ImageUpdateAutomation spec (input form: defaults may be absent). */
export type ImageUpdateAutomationSpec = z.input<typeof ImageUpdateAutomationSpecSchema>;

/** ImageUpdateAutomation status. */
export interface ImageUpdateAutomationStatus {
  lastAutomationRunTime?: string;
  /** The full hash of the last pushed commit. */
  lastPushCommit?: string;
  lastPushTime?: string;
  observedGeneration?: number;
  conditions?: Condition[];
  /** Policy name → the image it resolved to when last observed. */
  observedPolicies?: Record<string, ImageRef>;
  /** `<branch>@sha1:<hex>`. */
  observedSourceRevision?: string;
  lastHandledReconcileAt?: string;
}

/** image-automation-controller's reasons (api/v1 condition_types.go). */
export const AutomationReason = {
  InvalidUpdateStrategy: 'InvalidUpdateStrategy',
  InvalidSourceConfiguration: 'InvalidSourceConfiguration',
  SourceManagerFailed: 'SourceManagerFailed',
  GitOperationFailed: 'GitOperationFailed',
  UpdateFailed: 'UpdateFailed',
  InvalidPolicySelector: 'InvalidPolicySelector',
  RemovedTemplateField: 'RemovedTemplateField',
} as const;

/** image.toolkit.fluxcd.io/v1 ImageUpdateAutomation. */
export interface ImageUpdateAutomation {
  apiVersion: typeof IMAGE_AUTOMATION_API_VERSION;
  kind: 'ImageUpdateAutomation';
  metadata: ObjectMeta;
  spec: ImageUpdateAutomationSpec;
  status?: ImageUpdateAutomationStatus;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** ImagePolicies selected → this automation → the GitRepository it pushes to (the loop back). Pure. */
function automationEdges(
  obj: FluxObjectView,
  world: { list(kind: string): readonly FluxObjectView[] },
): KindEdge[] {
  const self = refOf(obj);
  const selector = obj.spec?.policySelector as LabelSelector | undefined;
  const edges: KindEdge[] = world
    .list('ImagePolicy')
    .filter(
      (p) => p.metadata.namespace === obj.metadata.namespace && selectorMatches(selector, p.metadata.labels),
    )
    .map((p) => ({ from: refOf(p), to: self, type: 'policy' }));
  const target = refFrom(obj, obj.spec?.sourceRef, 'GitRepository');
  if (target) edges.push({ from: self, to: target, type: 'pushes' });
  return edges;
}

function automationFacts(obj: FluxObjectView): DisplayFact[] {
  const status = obj.status ?? {};
  const commit = str(status.lastPushCommit);
  const target = refFrom(obj, obj.spec?.sourceRef, 'GitRepository');
  const git = (obj.spec?.git ?? {}) as {
    push?: { branch?: string };
    checkout?: { ref?: { branch?: string } };
  };
  const branch = git.push?.branch ?? git.checkout?.ref?.branch;
  return [
    { label: 'Last push commit', value: commit || '—', mono: true },
    { label: 'Last push', value: rfc3339(status.lastPushTime) || 'never' },
    { label: 'Last run', value: rfc3339(status.lastAutomationRunTime) || 'never' },
    ...(branch ? [{ label: 'Push branch', value: branch, mono: true }] : []),
    ...(target
      ? [
          {
            label: 'Pushes to',
            value: target.name,
            objectId: `GitRepository/${target.namespace}/${target.name}`,
          },
        ]
      : []),
  ];
}

/** The ImageUpdateAutomation kind: its CRD, served versions, CLI words, graph edges and screens. */
export const ImageUpdateAutomationKind = defineKind({
  group: IMAGE_GROUP,
  kind: 'ImageUpdateAutomation',
  plural: 'imageupdateautomations',
  singular: 'imageupdateautomation',
  shortNames: ['iua', 'imgupd', 'imgauto'],
  categories: IMAGE_CATEGORIES,
  versions: [
    { name: IMAGE_VERSION },
    olderVersion('v1beta2', 'ImageUpdateAutomation', ImageUpdateAutomationSpecSchema),
  ],
  spec: ImageUpdateAutomationSpecSchema,
  columns: [
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message' },
    { name: 'Last run', type: 'string', jsonPath: '.status.lastAutomationRunTime', priority: 1 },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  controller: 'image-automation-controller',
  traits: IMAGE_TRAITS,
  revision: (obj) => str(obj.status?.lastPushCommit),
  edges: automationEdges,
  cli: {
    noun: 'image update',
    humanKind: 'image update automation',
    listNoun: 'images update',
    aliases: [],
    columns: [
      { header: 'LAST RUN', cell: (obj) => rfc3339(obj.status?.lastAutomationRunTime) },
      SUSPENDED_COLUMN,
    ],
    // flux: the Ready message, else the last run, else "automation not yet run".
    successLine: (obj) => {
      const ready = (obj.status?.conditions as Condition[] | undefined)?.find((c) => c.type === 'Ready');
      if (ready) return ready.message;
      const run = rfc3339(obj.status?.lastAutomationRunTime);
      return run ? `last run ${run}` : 'automation not yet run';
    },
  },
  display: {
    revisionLabel: 'Last push commit',
    sections: ['conditions', 'events', 'spec'],
    facts: automationFacts,
  },
});
