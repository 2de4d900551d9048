import { ConditionType, Reason } from '../../api/meta.js';
import { HelmRepositorySpecSchema, type HelmRepository } from '../../api/helmrepository-v1.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { Resources } from '../../kube/resources.js';
import {
  deleteCondition,
  finalizeConditions,
  getCondition,
  markFalse,
  markReconciling,
  markStalled,
  markTrue,
} from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { parseDuration } from '../../runtime/duration.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { jitter } from '../../runtime/jitter.js';
import { artifactPath, type ArtifactStore } from '../../sources/artifact-store.js';
import {
  fetchHelmIndex,
  HelmIndexError,
  humanSize,
  indexUrl,
  normalizeIndex,
} from '../../sources/helm-index.js';
import { recordHandledRequest, StatusPatcher, type FluxObject } from '../shared/flux-object.js';
import { CredentialsError, loadCredentials } from './credentials.js';
import { HelmRepoMessages } from './messages.js';
import { beginSourceReconcile, markInvalidSpec, skipWhileSuspended } from '../shared/source-reconcile.js';
import type { AddressPolicy } from '../../sources/address-policy.js';

/** Dependencies of the HelmRepository reconciler. */
export interface HelmRepositoryReconcilerDeps {
  resources: Resources;
  /** Where the reconciled object is read (the engine's informer cache); default: `resources`. */
  reader?: ObjectReader;
  store: ArtifactStore;
  events: EventRecorder;
  /** Destinations outbound fetches may not reach (the engine's `addressPolicy`). */
  addressPolicy?: AddressPolicy;
}

type HelmRepo = HelmRepository & FluxObject;

/** Thrown after the status says what failed, so the controller backs off. */
class IndexFailure extends Error {}

/**
 * Reconciles a HelmRepository as source-controller does: fetch `index.yaml` within caps, store
 * the normalized index as an artifact whose revision is its digest, and report conditions.
 * `type: oci` repositories have nothing to fetch: they are Ready without an artifact.
 */
export class HelmRepositoryReconciler implements Reconciler {
  constructor(private readonly deps: HelmRepositoryReconcilerDeps) {}

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const begun = await beginSourceReconcile<HelmRepo>(this.deps, 'HelmRepository', request);
    if (!begun) return {};
    const { obj, status } = begun;
    const parsed = HelmRepositorySpecSchema.safeParse(obj.spec);
    if (!parsed.success) {
      markInvalidSpec(obj, parsed.error.issues);
      await this.finish(obj, status);
      return {};
    }
    const spec = parsed.data;
    if (await skipWhileSuspended(obj, status)) return {};
    if (spec.type === 'oci') {
      markTrue(obj, ConditionType.Ready, Reason.Succeeded, HelmRepoMessages.staticReady);
      await this.finish(obj, status);
      return {};
    }
    if (spec.url.startsWith('oci://')) {
      markStalled(obj, Reason.URLInvalid, HelmRepoMessages.ociUrlWithDefaultType);
      markFalse(obj, ConditionType.Ready, Reason.URLInvalid, HelmRepoMessages.ociUrlWithDefaultType);
      await this.finish(obj, status);
      return {};
    }
    markReconciling(obj, Reason.Progressing, HelmRepoMessages.inProgress);
    if (!getCondition(obj, ConditionType.Ready)) await status.patch();
    try {
      await this.reconcileIndex(obj, spec.url, parseDuration(spec.timeout ?? '1m'), signal);
    } catch (error) {
      await this.fail(obj, status, error);
      throw new IndexFailure(errorMessage(error));
    }
    await this.finish(obj, status);
    return { requeueAfterMs: jitter(parseDuration(spec.interval ?? '1m')) };
  }

  private async reconcileIndex(
    obj: HelmRepo,
    url: string,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<void> {
    const { store, events } = this.deps;
    const credentials = await loadCredentials(
      this.deps.resources,
      obj.metadata.namespace ?? 'default',
      obj.spec,
    );
    const raw = await fetchHelmIndex(url, {
      timeoutMs,
      signal,
      ...credentials,
      passCredentials: obj.spec.passCredentials ?? false,
      addressPolicy: this.deps.addressPolicy,
    });
    const index = normalizeIndex(raw.toString('utf8'));
    const current = obj.status?.artifact;
    const wasReady = getCondition(obj, ConditionType.Ready)?.status === 'True';
    if (current?.revision === index.digest && (await store.verify(current))) {
      obj.status = {
        ...obj.status,
        artifact: store.withCurrentUrl(current),
        url: store.withCurrentUrl(current).url,
      };
      this.markStored(obj, index.digest);
      if (!wasReady)
        await events.record(
          obj,
          'Normal',
          Reason.Succeeded,
          HelmRepoMessages.stored(index.digest),
          this.meta(index.digest),
        );
      return;
    }
    const namespace = obj.metadata.namespace ?? 'default';
    const file = `index-${index.digest.slice('sha256:'.length)}.yaml`;
    const artifact = await store.store(
      artifactPath('HelmRepository', namespace, obj.metadata.name, file),
      Buffer.from(index.yaml),
      index.digest,
    );
    await store.garbageCollect(artifact);
    obj.status = { ...obj.status, artifact, url: artifact.url };
    this.markStored(obj, index.digest);
    await events.record(
      obj,
      'Normal',
      Reason.NewArtifact,
      HelmRepoMessages.fetched(humanSize(raw.length), indexUrl(url)),
      this.meta(index.digest),
    );
  }

  private markStored(obj: HelmRepo, revision: string): void {
    deleteCondition(obj, ConditionType.FetchFailed);
    markTrue(obj, ConditionType.ArtifactInStorage, Reason.Succeeded, HelmRepoMessages.stored(revision));
    markTrue(obj, ConditionType.Ready, Reason.Succeeded, HelmRepoMessages.stored(revision));
  }

  private async fail(obj: HelmRepo, status: StatusPatcher, error: unknown): Promise<void> {
    // As source-controller: only unreadable credentials are AuthenticationFailed; a failed fetch
    // (a 401 included) is Failed, an index that does not load IndexationFailed.
    const reason =
      error instanceof CredentialsError
        ? Reason.AuthenticationFailed
        : error instanceof HelmIndexError && error.kind === 'parse'
          ? 'IndexationFailed'
          : Reason.Failed;
    markTrue(obj, ConditionType.FetchFailed, reason, errorMessage(error));
    markFalse(obj, ConditionType.Ready, reason, errorMessage(error));
    await this.deps.events.record(obj, 'Warning', reason, errorMessage(error));
    await this.finish(obj, status);
  }

  private meta(revision: string): Record<string, string> {
    return { 'source.toolkit.fluxcd.io/revision': revision };
  }

  private async finish(obj: HelmRepo, status: StatusPatcher): Promise<void> {
    finalizeConditions(obj);
    recordHandledRequest(obj);
    if (
      getCondition(obj, ConditionType.Ready)?.status === 'True' ||
      getCondition(obj, ConditionType.Stalled)
    ) {
      obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
    }
    await status.patch();
  }
}
