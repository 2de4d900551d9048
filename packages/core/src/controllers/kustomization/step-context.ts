import type { Kustomization } from '../../api/kustomize-v1.js';
import { ConditionType } from '../../api/meta.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { Resources } from '../../kube/resources.js';
import type { AddressPolicy } from '../../sources/address-policy.js';
import { getCondition } from '../../runtime/conditions.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import type { FluxObject, StatusPatcher } from '../shared/flux-object.js';

/** A Kustomization as the reconciler holds it. */
export type Ks = Kustomization & FluxObject;

/** Dependencies of the Kustomization reconciler. */
export interface KustomizationReconcilerDeps {
  resources: Resources;
  /** Where sources and dependencies are read (the engine's informer caches); default: `resources`. */
  reader?: ObjectReader;
  events: EventRecorder;
  kubectlBin: string;
  workDir: string;
  /**
   * Where to fetch an artifact from. The engine serves its own artifacts, so it points at its
   * current artifact server (whose port may differ from the one recorded in the status).
   */
  artifactUrl?: (artifact: { path: string; url: string }) => string;
  /** Health-check poll period (Flux: 5s); tests shorten it. */
  healthCheckIntervalMs?: number;
  /** Poll period while waiting for CRDs/Namespaces/`*Class` objects between apply stages (Flux: 2s). */
  stageWaitIntervalMs?: number;
  /** Stop health checks at the first Failed object (Flux's default; gate `DisableFailFastBehavior`). */
  failFast?: boolean;
  /** Undefined post-build variables without a default are errors (Flux 2.9 default: true). */
  strictSubstitution?: boolean;
  /** Cap on the bytes kustomize may print, and on the manifests it may read. */
  maxBuildBytes?: number;
  /** Flux's `--default-service-account`: impersonated when `spec.serviceAccountName` is empty. */
  defaultServiceAccount?: string;
  /** Flux's `--no-cross-namespace-refs`: a `sourceRef` in another namespace is AccessDenied. */
  noCrossNamespaceRefs?: boolean;
  /**
   * Let kustomize fetch remote bases (Flux's default). Off unless set: a remote reference fails
   * the build with `--no-remote-bases`'s reason before kustomize runs.
   */
  allowRemoteBases?: boolean;
  /** Destinations remote bases may not reach (the engine's `addressPolicy`). */
  addressPolicy?: AddressPolicy;
}

/** A failed step, with the Ready reason Flux reports for it. */
export class StepFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly requeueAfterMs?: number,
    /** The Warning event's text when Flux words it differently from the Ready message. */
    readonly eventMessage?: string,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}

/** A failure no retry can fix until the spec or the engine's flags change (Flux: Stalled, no requeue). */
export class TerminalStepFailure extends StepFailure {}

/** What every step of one reconcile shares. */
export interface StepContext {
  obj: Ks;
  status: StatusPatcher;
  deps: KustomizationReconcilerDeps;
  signal: AbortSignal;
  /** The source artifact's origin revision, once the source is resolved (events carry it). */
  originRevision?: string;
}

/** The revision being reconciled, and the time budget Flux prints with it. */
export interface RevisionContext extends StepContext {
  revision: string;
  timeoutMs: number;
}

/** The revision being applied, and the cluster it is applied to (impersonated and/or remote). */
export interface ApplyContext extends RevisionContext {
  target: Resources;
}

/**
 * Records an event the way kustomize-controller does: reason = the current Ready reason
 * (else the severity), revision and origin-revision annotations.
 */
export async function emitEvent(
  ctx: StepContext,
  type: 'Normal' | 'Warning',
  message: string,
  options: { reason?: string; extra?: Record<string, string> } = {},
): Promise<void> {
  const { obj } = ctx;
  const revision = obj.status?.lastAttemptedRevision ?? obj.status?.lastAppliedRevision;
  const origin = ctx.originRevision ?? obj.status?.lastAppliedOriginRevision;
  const metadata = {
    ...(revision ? { 'kustomize.toolkit.fluxcd.io/revision': revision } : {}),
    ...(origin ? { 'kustomize.toolkit.fluxcd.io/originRevision': origin } : {}),
    ...(options.extra ?? {}),
  };
  const reason =
    options.reason ??
    getCondition(obj, ConditionType.Ready)?.reason ??
    (type === 'Warning' ? 'error' : 'info');
  await ctx.deps.events.record(obj, type, reason, message, metadata);
}
