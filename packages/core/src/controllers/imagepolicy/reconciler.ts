import type { AddressPolicy } from '../../sources/address-policy.js';
import { IMAGE_API_VERSION, imageRefString, type ImageRef } from '../../api/image-group.js';
import { ImagePolicySpecSchema, type ImagePolicy } from '../../api/imagepolicy-v1.js';
import { ImageReason, type ImageRepository } from '../../api/imagerepository-v1.js';
import { ConditionType, Reason } from '../../api/meta.js';
import { compileGoTagPattern } from '../../images/go-tag-pattern.js';
import { ImageNameError, parseImageName, type ImageName } from '../../images/image-name.js';
import { InvalidPolicyError } from '../../images/policies/policer.js';
import type { CompileTagPattern } from '../../images/tag-pattern.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { Resources } from '../../kube/resources.js';
import { deleteCondition, markFalse, markStalled } from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { deadlineSignal } from '../../runtime/deadline.js';
import { formatDuration, parseDuration } from '../../runtime/duration.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { OciRegistryClient } from '../../sources/oci/registry-client.js';
import type { TagStore } from '../../sources/tag-store.js';
import { recordHandledRequest, type FluxObject, type StatusPatcher } from '../shared/flux-object.js';
import { beginImageReconcile, conditionsSnapshot, notifyReadiness } from '../shared/image-object.js';
import { finalizeResult, progressiveStatus, shouldRecordGeneration } from '../shared/result-finalizer.js';
import { loadRegistryAccess } from '../imagerepository/credentials.js';
import { IMAGE_REFLECTOR_CONTROLLER } from '../imagerepository/reconciler.js';
import { latestTag } from './latest-tag.js';
import { PolicyMessages as M } from './messages.js';
import { referencedRepository, RepositoryAccessError } from './repository-access.js';

/** Dependencies of the ImagePolicy reconciler. */
export interface ImagePolicyReconcilerDeps {
  resources: Resources;
  reader?: ObjectReader;
  events: EventRecorder;
  tags: TagStore;
  compilePattern?: CompileTagPattern;
  /** Flux's `--requeue-dependency` (default 30 s). */
  dependencyRequeueMs?: number;
  /** Waits between reads of an empty tag list (Flux: 1 s, 1.5 s, 2.25 s). */
  emptyTagRetryMs?: readonly number[];
  noCrossNamespaceRefs?: boolean;
  /** Destinations digest lookups may not reach (the engine's `addressPolicy`). */
  addressPolicy?: AddressPolicy;
}

type Obj = ImagePolicy & FluxObject;
type Spec = ReturnType<typeof ImagePolicySpecSchema.parse>;

/** The outcome of one run (see `finalizeResult`). */
interface RunEnd {
  requeueAfterMs: number;
  error?: string;
}

/** The tag list was empty after every retry (Flux's `errNoTagsInDatabase`). */
class NoTagsError extends Error {}

const DEFAULT_TAG_RETRIES = [1000, 1500, 2250];

/**
 * Reconciles an ImagePolicy as image-reflector-controller does: find its ImageRepository (with
 * Flux's cross-namespace rules), read the scanned tags from the engine's disk, filter and extract
 * with Go RE2 semantics, apply the semver, alphabetical or numerical policy, reflect the digest
 * when asked, and record `latestRef` (and `observedPreviousRef` when it moves). A policy with no
 * candidate keeps its last result and says why.
 */
export class ImagePolicyReconciler implements Reconciler {
  constructor(private readonly deps: ImagePolicyReconcilerDeps) {}

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const begun = await beginImageReconcile<Obj>(
      this.deps,
      { apiVersion: IMAGE_API_VERSION, kind: 'ImagePolicy' },
      request,
      IMAGE_REFLECTOR_CONTROLLER,
    );
    if (!begun) return {};
    const { obj, status } = begun;
    if (obj.spec.suspend) {
      recordHandledRequest(obj);
      await status.patch();
      return {};
    }
    const before = conditionsSnapshot(obj);
    const interval = this.interval(obj);
    let end: RunEnd;
    try {
      end = await this.run(obj, status, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      end = { requeueAfterMs: 0, error: errorMessage(error) };
    }
    const latest = obj.status?.latestRef;
    const readyMessage = latest ? M.ready(latest, obj.status?.observedPreviousRef) : '';
    const isSuccess = (ms: number, err: string | undefined): boolean => err === undefined && ms === interval;
    const error = finalizeResult(obj, end, isSuccess, readyMessage);
    recordHandledRequest(obj);
    if (shouldRecordGeneration(obj))
      obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
    await notifyReadiness(this.deps.events, before, obj, readyMessage);
    await status.patch();
    if (error !== undefined) throw new Error(error);
    return end.requeueAfterMs > 0 ? { requeueAfterMs: end.requeueAfterMs } : {};
  }

  /** Flux's `GetInterval`: only a policy that always reflects the digest comes back by itself (default 10m). */
  private interval(obj: Obj): number {
    if (obj.spec.digestReflectionPolicy !== 'Always') return 0;
    return obj.spec.interval ? parseDuration(obj.spec.interval) : 10 * 60_000;
  }

  private async run(obj: Obj, status: StatusPatcher, signal: AbortSignal): Promise<RunEnd> {
    const stalled = (reason: string, message: string): RunEnd => {
      markStalled(obj, reason, message);
      return { requeueAfterMs: 0 };
    };
    const failed = (reason: string, message: string): RunEnd => {
      markFalse(obj, ConditionType.Ready, reason, message);
      return { requeueAfterMs: 0, error: message };
    };
    if (obj.spec.digestReflectionPolicy === 'Always' && !obj.spec.interval)
      return stalled(ImageReason.IntervalNotConfigured, M.intervalRequired);
    const parsed = ImagePolicySpecSchema.safeParse(obj.spec);
    if (!parsed.success)
      return stalled(ImageReason.InvalidPolicy, parsed.error.issues.map((i) => i.message).join('; '));
    await this.progress(obj, status);
    let repo: ImageRepository;
    try {
      repo = await referencedRepository(this.deps, obj);
    } catch (error) {
      if (error instanceof RepositoryAccessError) return failed(error.reason, error.message);
      throw error;
    }
    let image: ImageName;
    try {
      image = parseImageName(repo.spec.image);
    } catch (error) {
      if (error instanceof ImageNameError) return stalled(ImageReason.ImageURLInvalid, error.message);
      throw error;
    }
    if ((repo.spec.provider ?? 'generic') !== 'generic' && repo.spec.serviceAccountName)
      return stalled(ImageReason.FeatureGateDisabled, M.featureGate);
    let tag: string;
    try {
      tag = latestTag(
        parsed.data,
        await this.storedTags(repo, signal),
        this.deps.compilePattern ?? compileGoTagPattern,
      );
    } catch (error) {
      if (error instanceof InvalidPolicyError) return stalled(ImageReason.InvalidPolicy, error.message);
      if (error instanceof NoTagsError) {
        const wait = this.deps.dependencyRequeueMs ?? 30_000;
        markFalse(
          obj,
          ConditionType.Ready,
          ImageReason.DependencyNotReady,
          M.noTags(formatDuration(Math.round(wait / 1000) * 1000)),
        );
        return { requeueAfterMs: wait };
      }
      return failed(ImageReason.Failure, errorMessage(error));
    }
    await this.updateRefs(obj, parsed.data, repo, image, tag, signal);
    deleteCondition(obj, ConditionType.Ready);
    return { requeueAfterMs: this.interval(obj) };
  }

  /** ProgressiveStatus, written at once for a new generation. */
  private async progress(obj: Obj, status: StatusPatcher): Promise<void> {
    progressiveStatus(obj, false, Reason.Progressing, M.inProgress);
    const generation = obj.status?.observedGeneration;
    if (generation !== obj.metadata.generation) {
      progressiveStatus(obj, false, Reason.Progressing, M.newGeneration(generation, obj.metadata.generation));
      await status.patch();
    }
  }

  /** The stored tags of the repository, read a few times while empty (it may not have scanned yet). */
  private async storedTags(repo: ImageRepository, signal: AbortSignal): Promise<string[]> {
    const retries = this.deps.emptyTagRetryMs ?? DEFAULT_TAG_RETRIES;
    for (let attempt = 0; ; attempt++) {
      const stored = await this.deps.tags
        .read(repo.metadata.namespace ?? 'default', repo.metadata.name, repo.status?.canonicalImageName ?? '')
        .catch((error: unknown) =>
          Promise.reject(new Error(`failed to read tags from database: ${errorMessage(error)}`)),
        );
      if (stored && stored.tags.length > 0) return stored.tags;
      const wait = retries[attempt];
      if (wait === undefined || signal.aborted) throw new NoTagsError();
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Flux's `updateImageRefs`: the digest as the reflection policy asks, then latest/previous refs. */
  private async updateRefs(
    obj: Obj,
    spec: Spec,
    repo: ImageRepository,
    image: ImageName,
    tag: string,
    signal: AbortSignal,
  ): Promise<void> {
    const latest: ImageRef = { name: repo.spec.image, tag };
    const current = obj.status?.latestRef;
    let fetch = spec.digestReflectionPolicy === 'Always';
    if (spec.digestReflectionPolicy === 'IfNotPresent') {
      fetch = !current || current.name !== latest.name || current.tag !== latest.tag || !current.digest;
      if (!fetch && current?.digest) latest.digest = current.digest;
    }
    if (fetch) latest.digest = await this.fetchDigest(repo, image, tag, signal);
    if (!current || imageRefString(current) !== imageRefString(latest)) {
      const previous = current;
      obj.status = {
        ...obj.status,
        latestRef: latest,
        latestImage: imageRefString(latest),
        ...(previous
          ? { observedPreviousRef: previous, observedPreviousImage: imageRefString(previous) }
          : {}),
      };
    }
  }

  private async fetchDigest(
    repo: ImageRepository,
    image: ImageName,
    tag: string,
    signal: AbortSignal,
  ): Promise<string> {
    const spec = repo.spec;
    const timeout = Math.max(1000, parseDuration(spec.timeout ?? spec.interval));
    const deadline = deadlineSignal(timeout, signal);
    const ref = `${repo.spec.image}:${tag}`;
    try {
      const access = await loadRegistryAccess(
        this.deps.resources,
        repo.metadata.namespace ?? 'default',
        { ...spec, provider: spec.provider ?? 'generic' },
        image.registry,
      ).catch((error: unknown) => {
        throw new Error(
          `failed fetching digest of ${ref}: failed to configure authentication options: ${errorMessage(error)}`,
        );
      });
      const client = new OciRegistryClient({
        address: { registry: image.registry, repository: image.repository },
        insecure: spec.insecure === true,
        login: access.login,
        tls: access.tls,
        signal: deadline.signal,
        addressPolicy: this.deps.addressPolicy,
      });
      return await client.resolveTag(tag).catch((error: unknown) => {
        throw new Error(M.digestFailed(ref, `${image.canonical}:${tag}`, errorMessage(error)));
      });
    } finally {
      deadline.dispose();
    }
  }
}
