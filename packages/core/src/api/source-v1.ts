import { z } from 'zod';
import { INTERVAL_PATTERN, TIMEOUT_PATTERN } from '../runtime/duration.js';
import { redactUrlCredentials } from '../runtime/redact.js';
import { READY_COLUMNS } from './crd.js';
import { artifactRevision } from './kind-columns.js';
import { defineKind } from './kind-definition.js';
import { refFrom, refOf } from './kind-edges.js';
import { olderVersion } from './served-versions.js';
import { SOURCE_TRAITS, sourceCli } from './source-kind-parts.js';
import type { Artifact, Condition, ObjectMeta } from './meta.js';

/** API group and version of Flux sources. */
export const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const SOURCE_VERSION = 'v1';
export const SOURCE_API_VERSION = `${SOURCE_GROUP}/${SOURCE_VERSION}`;

const localRef = z.object({ name: z.string().min(1) });

/** GitRepository spec, validated as the CRD validates it. */
export const GitRepositorySpecSchema = z.object({
  url: z.string().regex(/^(http|https|ssh):\/\/.*$/),
  interval: z.string().regex(INTERVAL_PATTERN),
  timeout: z.string().regex(TIMEOUT_PATTERN).default('60s'),
  ref: z
    .object({
      branch: z.string().optional(),
      tag: z.string().optional(),
      semver: z.string().optional(),
      name: z.string().optional(),
      commit: z.string().optional(),
    })
    .optional(),
  secretRef: localRef.optional(),
  provider: z.enum(['generic', 'aws', 'azure', 'github']).optional(),
  proxySecretRef: localRef.optional(),
  verify: z
    .object({
      mode: z.enum(['head', 'HEAD', 'Tag', 'TagAndHEAD']).optional(),
      secretRef: localRef.optional(),
    })
    .optional(),
  ignore: z.string().optional(),
  sparseCheckout: z.array(z.string()).optional(),
  recurseSubmodules: z.boolean().optional(),
  include: z
    .array(
      z.object({
        repository: localRef,
        fromPath: z.string().optional(),
        toPath: z.string().optional(),
      }),
    )
    .optional(),
  suspend: z.boolean().optional(),
});

/** GitRepository spec (input form: defaults may be absent). */
export type GitRepositorySpec = z.input<typeof GitRepositorySpecSchema>;

/** One `spec.include` entry: another GitRepository's artifact copied from `fromPath` to `toPath`. */
export interface GitRepositoryInclude {
  repository: { name: string };
  fromPath?: string;
  toPath?: string;
}

/** GitRepository status. */
export interface GitRepositoryStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  artifact?: Artifact;
  /** The artifacts of `spec.include`, in the same order, as they were when the artifact was built. */
  includedArtifacts?: Artifact[];
  lastHandledReconcileAt?: string;
  /** `spec.ignore` as it was when the artifact was built. */
  observedIgnore?: string;
  /** `spec.include` as it was when the artifact was built. */
  observedInclude?: GitRepositoryInclude[];
  /** `spec.recurseSubmodules` as it was when the artifact was built. */
  observedRecurseSubmodules?: boolean;
  /** `spec.sparseCheckout` as it was when the artifact was built. */
  observedSparseCheckout?: string[];
  /** The `spec.verify.mode` the artifact's commit (and tag) were verified with. */
  sourceVerificationMode?: string;
}

/** GitRepository-specific condition types (source-controller api/v1). */
export const GitRepositoryConditionType = {
  /** Negative polarity: an included GitRepository is missing or has no artifact. */
  IncludeUnavailable: 'IncludeUnavailable',
  /** Bi-polar: whether the commit (and tag) signatures checked out against `spec.verify`. */
  SourceVerified: 'SourceVerified',
} as const;

/** GitRepository-specific reasons, spelled as source-controller spells them. */
export const GitRepositoryReason = {
  SourceIgnoreError: 'SourceIgnoreError',
  IncludeChange: 'IncludeChange',
  /** An included GitRepository does not exist. */
  NotFound: 'NotFound',
  /** An included GitRepository has no artifact yet. */
  NoArtifact: 'NoArtifact',
  CopyFailure: 'CopyFailure',
  IllegalPath: 'IllegalPath',
  /** The `spec.verify.secretRef` Secret could not be read. */
  VerificationError: 'VerificationError',
  /** `verify.mode` asks for a tag, but the ref is not a tag (stalls). */
  InvalidVerificationMode: 'InvalidVerificationMode',
  /** The tag to verify is lightweight or unsigned. */
  InvalidGitObject: 'InvalidGitObject',
  InvalidTagSignature: 'InvalidTagSignature',
  InvalidCommitSignature: 'InvalidCommitSignature',
} as const;

/** source.toolkit.fluxcd.io/v1 GitRepository. */
export interface GitRepository {
  apiVersion: typeof SOURCE_API_VERSION;
  kind: 'GitRepository';
  metadata: ObjectMeta;
  spec: GitRepositorySpec;
  status?: GitRepositoryStatus;
}

/** The GitRepository kind: its CRD, served versions, CLI words, graph edges and screens. */
export const GitRepositoryKind = defineKind({
  group: SOURCE_GROUP,
  kind: 'GitRepository',
  plural: 'gitrepositories',
  singular: 'gitrepository',
  shortNames: ['gitrepo'],
  categories: ['fluxcd', 'fluxcd-sources'],
  versions: [{ name: SOURCE_VERSION }, olderVersion('v1beta2', 'GitRepository', GitRepositorySpecSchema)],
  spec: GitRepositorySpecSchema,
  columns: [
    { name: 'URL', type: 'string', jsonPath: '.spec.url' },
    ...READY_COLUMNS,
    { name: 'Revision', type: 'string', jsonPath: '.status.artifact.revision' },
  ],
  controller: 'source-controller',
  traits: SOURCE_TRAITS,
  revision: artifactRevision,
  // An included repository feeds the one that includes it.
  edges: (obj) =>
    (Array.isArray(obj.spec?.include) ? (obj.spec.include as { repository?: unknown }[]) : []).flatMap(
      (inc) => {
        const from = refFrom(obj, inc.repository, 'GitRepository');
        return from ? [{ from, to: refOf(obj), type: 'source' as const }] : [];
      },
    ),
  cli: sourceCli('git'),
  display: {
    revisionLabel: 'Artifact revision',
    sections: ['conditions', 'events', 'spec'],
    facts: (obj) => {
      const ref = (obj.spec?.ref ?? {}) as Record<string, unknown>;
      const refText = ['commit', 'name', 'semver', 'tag', 'branch']
        .filter((key) => typeof ref[key] === 'string' && ref[key])
        .map((key) => `${key} ${String(ref[key])}`)
        .join(', ');
      return [
        { label: 'URL', value: redactUrlCredentials(String(obj.spec?.url ?? '')), mono: true },
        { label: 'Reference', value: refText || 'branch master (default)' },
      ];
    },
  },
});
