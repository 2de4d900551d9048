import { z } from 'zod';
import { INTERVAL_PATTERN } from '../runtime/duration.js';
import { defineKind, type DisplayFact, type FluxObjectView } from './kind-definition.js';
import { refFrom, refOf } from './kind-edges.js';
import {
  IMAGE_API_VERSION,
  IMAGE_CATEGORIES,
  IMAGE_GROUP,
  IMAGE_TRAITS,
  IMAGE_VERSION,
  imageRefString,
  readImageRef,
  type ImageRef,
} from './image-group.js';
import type { Condition, ObjectMeta } from './meta.js';
import { olderVersion } from './served-versions.js';

const order = z.enum(['asc', 'desc']).default('asc');

/** `spec.policy`: semver, then alphabetical, then numerical is used when several are set. */
export const ImagePolicyChoiceSchema = z.object({
  semver: z.object({ range: z.string() }).optional(),
  alphabetical: z.object({ order }).optional(),
  numerical: z.object({ order }).optional(),
});

/** ImagePolicy spec, validated as the CRD validates it (image-reflector-controller api/v1, CEL rules included). */
export const ImagePolicySpecSchema = z
  .object({
    imageRepositoryRef: z.object({ name: z.string(), namespace: z.string().optional() }),
    policy: ImagePolicyChoiceSchema,
    filterTags: z.object({ pattern: z.string().optional(), extract: z.string().optional() }).optional(),
    digestReflectionPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).default('Never'),
    interval: z.string().regex(INTERVAL_PATTERN).optional(),
    suspend: z.boolean().optional(),
  })
  .refine((spec) => spec.interval === undefined || spec.digestReflectionPolicy === 'Always', {
    message: "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'",
  });

/** ImagePolicy spec (input form: defaults may be absent). */
export type ImagePolicySpec = z.input<typeof ImagePolicySpecSchema>;

/** ImagePolicy status: v1's refs, and the strings of the v1beta2 era beside them. */
export interface ImagePolicyStatus {
  latestRef?: ImageRef;
  observedPreviousRef?: ImageRef;
  /** v1beta2 (image-reflector < v1.0): `latestRef` as `name:tag[@digest]`. */
  latestImage?: string;
  /** v1beta2: `observedPreviousRef` as a string. */
  observedPreviousImage?: string;
  observedGeneration?: number;
  conditions?: Condition[];
  lastHandledReconcileAt?: string;
}

/** image.toolkit.fluxcd.io/v1 ImagePolicy. */
export interface ImagePolicy {
  apiVersion: typeof IMAGE_API_VERSION;
  kind: 'ImagePolicy';
  metadata: ObjectMeta;
  spec: ImagePolicySpec;
  status?: ImagePolicyStatus;
}

const latest = (obj: FluxObjectView): ImageRef | undefined => readImageRef(obj.status?.latestRef);

function policyFacts(obj: FluxObjectView): DisplayFact[] {
  const current = latest(obj);
  const previous = readImageRef(obj.status?.observedPreviousRef);
  const repo = refFrom(obj, obj.spec?.imageRepositoryRef, 'ImageRepository');
  return [
    { label: 'Latest tag', value: current ? current.tag : '—', mono: true },
    ...(current?.digest ? [{ label: 'Digest', value: current.digest, mono: true }] : []),
    { label: 'Previous tag', value: previous ? imageRefString(previous) : '—', mono: true },
    ...(repo
      ? [
          {
            label: 'Image repository',
            value: repo.name,
            objectId: `ImageRepository/${repo.namespace}/${repo.name}`,
          },
        ]
      : []),
  ];
}

/** The ImagePolicy kind: its CRD, served versions, CLI words, graph edges and screens. */
export const ImagePolicyKind = defineKind({
  group: IMAGE_GROUP,
  kind: 'ImagePolicy',
  plural: 'imagepolicies',
  singular: 'imagepolicy',
  shortNames: ['imgpol', 'imagepol'],
  categories: IMAGE_CATEGORIES,
  versions: [{ name: IMAGE_VERSION }, olderVersion('v1beta2', 'ImagePolicy', ImagePolicySpecSchema)],
  spec: ImagePolicySpecSchema,
  columns: [
    { name: 'Image', type: 'string', jsonPath: '.status.latestRef.name' },
    { name: 'Tag', type: 'string', jsonPath: '.status.latestRef.tag' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  controller: 'image-reflector-controller',
  traits: IMAGE_TRAITS,
  revision: (obj) => {
    const ref = latest(obj);
    return ref ? imageRefString(ref) : '';
  },
  // The scanned repository feeds the policy.
  edges: (obj) => {
    const from = refFrom(obj, obj.spec?.imageRepositoryRef, 'ImageRepository');
    return from ? [{ from, to: refOf(obj), type: 'source' as const }] : [];
  },
  cli: {
    noun: 'image policy',
    listNoun: 'images policy',
    aliases: [],
    columns: [
      { header: 'IMAGE', cell: (obj) => latest(obj)?.name ?? '' },
      { header: 'TAG', cell: (obj) => latest(obj)?.tag ?? '' },
    ],
    successLine: (obj) => {
      const ref = latest(obj);
      return `selected ref ${ref ? imageRefString(ref) : ''}`;
    },
  },
  display: { revisionLabel: 'Latest image', sections: ['conditions', 'events', 'spec'], facts: policyFacts },
});
