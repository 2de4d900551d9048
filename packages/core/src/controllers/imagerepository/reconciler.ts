import type { AddressPolicy } from '../../sources/address-policy.js';
import { IMAGE_API_VERSION } from '../../api/image-group.js';
import {
  ImageReason,
  ImageRepositorySpecSchema,
  type ImageRepository,
  type ScanResult,
} from '../../api/imagerepository-v1.js';
import { ConditionType, Reason } from '../../api/meta.js';
import { compileGoTagPattern } from '../../images/go-tag-pattern.js';
import { ImageNameError, parseImageName, type ImageName } from '../../images/image-name.js';
import { excludeTags, latestTags, sortTagsDescending, tagsChecksum } from '../../images/tag-list.js';
import type { CompileTagPattern } from '../../images/tag-pattern.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { Resources } from '../../kube/resources.js';
import { conditionTime, deleteCondition, markFalse, markStalled } from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { deadlineSignal } from '../../runtime/deadline.js';
import { formatDuration, parseDuration } from '../../runtime/duration.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { OciRegistryClient } from '../../sources/oci/registry-client.js';
import type { TagStore } from '../../sources/tag-store.js';
import {
  recordHandledRequest,
  requestedAt,
  type FluxObject,
  type StatusPatcher,
} from '../shared/flux-object.js';
import { beginImageReconcile, conditionsSnapshot, notifyReadiness } from '../shared/image-object.js';
import { finalizeResult, progressiveStatus, shouldRecordGeneration } from '../shared/result-finalizer.js';
import { loadRegistryAccess, RegistryAccessError, type RegistryAccess } from './credentials.js';
import { RepositoryMessages as M } from './messages.js';
import { ScanReason, shouldScan } from './scan-decision.js';

/** The field manager and event source, as Flux names the controller. */
export const IMAGE_REFLECTOR_CONTROLLER = 'image-reflector-controller';

/** Dependencies of the ImageRepository reconciler. */
export interface ImageRepositoryReconcilerDeps {
  resources: Resources;
  reader?: ObjectReader;
  events: EventRecorder;
  tags: TagStore;
  /** How user patterns compile (Go RE2 semantics, linear time). */
  compilePattern?: CompileTagPattern;
  /** Tag-list pages followed at most (default 100 of up to 1,000 tags). */
  maxTagPages?: number;
  /** Destinations registry requests may not reach (the engine's `addressPolicy`). */
  addressPolicy?: AddressPolicy;
  now?: () => Date;
}

type Obj = ImageRepository & FluxObject;
type Spec = ReturnType<typeof ImageRepositorySpecSchema.parse>;

/** How a run ended: the requeue it asks for, the one that means success, an error, the trace line. */
interface RunEnd {
  requeueAfterMs: number;
  successRequeueMs: number;
  error?: string;
  trace: string;
}

/**
 * Reconciles an ImageRepository as image-reflector-controller does: parse the image (a bad one
 * stalls), build the registry access, decide whether it is scan time, and if so list the tags
 * (OCI distribution API, paginated), drop excluded ones and store them on the engine's disk;
 * report `lastScanResult` and Ready, and come back when the next scan is due. A failed scan keeps
 * the last result and its stored tags.
 */
export class ImageRepositoryReconciler implements Reconciler {
  constructor(private readonly deps: ImageRepositoryReconcilerDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const begun = await beginImageReconcile<Obj>(
      this.deps,
      { apiVersion: IMAGE_API_VERSION, kind: 'ImageRepository' },
      request,
      IMAGE_REFLECTOR_CONTROLLER,
      (obj) => this.deps.tags.remove(obj.metadata.namespace ?? 'default', obj.metadata.name),
    );
    if (!begun) return {};
    const { obj, status } = begun;
    if (obj.spec.suspend) {
      recordHandledRequest(obj);
      await status.patch();
      return {};
    }
    const before = conditionsSnapshot(obj);
    const interval = parseDuration(obj.spec.interval);
    let end: RunEnd;
    try {
      end = await this.run(obj, status, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      end = { requeueAfterMs: 0, successRequeueMs: interval, error: errorMessage(error), trace: '' };
    }
    const isSuccess = (ms: number, err: string | undefined): boolean =>
      err === undefined && ms === end.successRequeueMs;
    const scan = obj.status?.lastScanResult;
    const error = finalizeResult(obj, end, isSuccess, M.ready(scan?.tagCount ?? 0, scan?.revision ?? ''));
    recordHandledRequest(obj);
    if (shouldRecordGeneration(obj))
      obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
    await notifyReadiness(this.deps.events, before, obj, end.trace);
    await status.patch();
    if (error !== undefined) throw new Error(error);
    return end.requeueAfterMs > 0 ? { requeueAfterMs: end.requeueAfterMs } : {};
  }

  private async run(obj: Obj, status: StatusPatcher, signal: AbortSignal): Promise<RunEnd> {
    const parsed = ImageRepositorySpecSchema.safeParse(obj.spec);
    const interval = parseDuration(obj.spec.interval);
    const stalled = (reason: string, message: string): RunEnd => {
      markStalled(obj, reason, message);
      return { requeueAfterMs: 0, successRequeueMs: interval, trace: '' };
    };
    if (!parsed.success)
      return stalled(Reason.Failed, `invalid spec: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const spec = parsed.data;
    if (spec.provider !== 'generic' && spec.serviceAccountName)
      return stalled(ImageReason.FeatureGateDisabled, M.featureGate);
    await this.progress(obj, status);
    let image: ImageName;
    try {
      image = parseImageName(spec.image);
    } catch (error) {
      if (error instanceof ImageNameError) return stalled(ImageReason.ImageURLInvalid, error.message);
      throw error;
    }
    deleteCondition(obj, ConditionType.Stalled);
    const timeout = Math.max(1000, parseDuration(spec.timeout ?? spec.interval));
    const deadline = deadlineSignal(timeout, signal);
    try {
      return await this.scanIfDue(obj, status, spec, image, deadline.signal);
    } finally {
      deadline.dispose();
    }
  }

  /** ProgressiveStatus, written at once for a new generation or a reconcile request. */
  private async progress(obj: Obj, status: StatusPatcher): Promise<void> {
    progressiveStatus(obj, false, Reason.Progressing, M.inProgress);
    const generation = obj.status?.observedGeneration;
    if (generation !== obj.metadata.generation) {
      progressiveStatus(obj, false, Reason.Progressing, M.newGeneration(generation, obj.metadata.generation));
      await status.patch();
    } else if (requestedAt(obj) !== obj.status?.lastHandledReconcileAt) {
      await status.patch();
    }
  }

  private async scanIfDue(
    obj: Obj,
    status: StatusPatcher,
    spec: Spec,
    image: ImageName,
    signal: AbortSignal,
  ): Promise<RunEnd> {
    const interval = parseDuration(spec.interval);
    const failed = (reason: string, message: string): RunEnd => {
      markFalse(obj, ConditionType.Ready, reason, message);
      return { requeueAfterMs: 0, successRequeueMs: interval, error: message, trace: '' };
    };
    const namespace = obj.metadata.namespace ?? 'default';
    let access: RegistryAccess;
    try {
      access = await loadRegistryAccess(this.deps.resources, namespace, spec, image.registry);
    } catch (error) {
      if (!(error instanceof RegistryAccessError)) throw error;
      return failed(ImageReason.AuthenticationFailed, M.authFailed(error.message));
    }
    let stored: number;
    try {
      stored = (await this.deps.tags.read(namespace, obj.metadata.name, image.canonical))?.tags.length ?? 0;
    } catch (error) {
      return failed(ImageReason.Failure, M.scanTimeFailed(errorMessage(error)));
    }
    const previous = obj.status?.lastScanResult;
    const decision = shouldScan({
      intervalMs: interval,
      lastScanTime: previous?.scanTime,
      requestedAt: requestedAt(obj),
      lastHandledReconcileAt: obj.status?.lastHandledReconcileAt,
      canonicalImageName: image.canonical,
      statusCanonicalImageName: obj.status?.canonicalImageName,
      exclusionList: spec.exclusionList,
      observedExclusionList: obj.status?.observedExclusionList,
      storedTagCount: stored,
      now: this.now(),
    });
    const when = formatDuration(decision.whenMs);
    let trace = M.unchanged(when);
    if (decision.scan) {
      progressiveStatus(
        obj,
        decision.reason === ScanReason.EmptyDatabase,
        Reason.Progressing,
        M.scanning(decision.reason),
      );
      await status.patch();
      try {
        obj.status = { ...obj.status, lastScanResult: await this.scan(obj, spec, image, access, signal) };
      } catch (error) {
        return failed(ImageReason.ReadOperationFailed, M.scanFailed(errorMessage(error)));
      }
      trace = M.scanned(previous?.revision !== obj.status.lastScanResult?.revision, when);
    }
    obj.status = {
      ...obj.status,
      canonicalImageName: image.canonical,
      observedExclusionList: [...spec.exclusionList],
    };
    deleteCondition(obj, ConditionType.Ready);
    return { requeueAfterMs: decision.whenMs, successRequeueMs: decision.whenMs, trace };
  }

  /** Lists, filters, sorts and stores the tags; the new `lastScanResult`. */
  private async scan(
    obj: Obj,
    spec: Spec,
    image: ImageName,
    access: RegistryAccess,
    signal: AbortSignal,
  ): Promise<ScanResult> {
    const client = new OciRegistryClient({
      address: { registry: image.registry, repository: image.repository },
      insecure: spec.insecure === true,
      login: access.login,
      tls: access.tls,
      signal,
      maxTagPages: this.deps.maxTagPages,
      addressPolicy: this.deps.addressPolicy,
    });
    const listed = await client.listTags();
    const kept = sortTagsDescending(
      excludeTags(listed, spec.exclusionList, this.deps.compilePattern ?? compileGoTagPattern),
    );
    try {
      await this.deps.tags.write(obj.metadata.namespace ?? 'default', obj.metadata.name, {
        canonicalImageName: image.canonical,
        tags: kept,
      });
    } catch (error) {
      throw new Error(M.setTagsFailed(image.canonical, errorMessage(error)));
    }
    const latest = latestTags(kept);
    return {
      revision: tagsChecksum(kept),
      tagCount: kept.length,
      scanTime: conditionTime(this.now()),
      ...(latest.length > 0 ? { latestTags: latest } : {}),
    };
  }
}
