import { ConditionType, Reason, type Artifact } from '../../api/meta.js';
import { OCIRepositorySpecSchema, OciReason } from '../../api/ocirepository-v1.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { Resources } from '../../kube/resources.js';
import {
  deleteCondition,
  getCondition,
  isTrue,
  markFalse,
  markReconciling,
  markTrue,
  markUnknown,
} from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { deadlineSignal } from '../../runtime/deadline.js';
import { parseDuration } from '../../runtime/duration.js';
import { errorMessage, StallingError } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { jitter } from '../../runtime/jitter.js';
import type { ArtifactStore } from '../../sources/artifact-store.js';
import {
  formatReference,
  InvalidOciUrlError,
  parseOciUrl,
  type OciRepositoryAddress,
} from '../../sources/oci/oci-reference.js';
import { OciRegistryClient, type ImageManifest } from '../../sources/oci/registry-client.js';
import { requestedAt } from '../shared/flux-object.js';
import { beginSourceReconcile, markInvalidSpec, skipWhileSuspended } from '../shared/source-reconcile.js';
import { finishSourceStatus } from '../shared/source-status.js';
import { artifactRef, ociRevision, tagBySemver } from './artifact-ref.js';
import { loadRegistryLogin, OciCredentialsError } from './credentials.js';
import { failRun, OciFailure, stallRun } from './failure.js';
import { layerOperation, ociContentConfigChanged, selectLayer } from './layer-selection.js';
import { storeCopy, storeExtracted } from './layer-storage.js';
import { OciMessages } from './messages.js';
import type { OCIRepositoryObject, OCIRepositoryRun, ResolvedOciRemote } from './run.js';
import { unsupportedFeature } from './unsupported.js';
import type { AddressPolicy } from '../../sources/address-policy.js';

/** Dependencies of the OCIRepository reconciler. */
export interface OCIRepositoryReconcilerDeps {
  resources: Resources;
  /** Where the reconciled object is read (the engine's informer cache); default: `resources`. */
  reader?: ObjectReader;
  store: ArtifactStore;
  events: EventRecorder;
  workDir: string;
  /** Largest layer downloaded (default 100 MiB); a bigger one fails the pull. */
  maxLayerBytes?: number;
  /** Destinations outbound fetches may not reach (the engine's `addressPolicy`). */
  addressPolicy?: AddressPolicy;
}

/** Default cap on a pulled layer, the same as the unpack cap. */
export const DEFAULT_MAX_LAYER_BYTES = 100 * 1024 * 1024;

type Obj = OCIRepositoryObject;
type Run = OCIRepositoryRun;
type Remote = ResolvedOciRemote;

const FAIL_CONDITIONS = [ConditionType.FetchFailed, ConditionType.StorageOperationFailed];

/**
 * Reconciles an OCIRepository as source-controller does: resolve the reference (digest >
 * semver > tag, default `latest`) to a manifest digest, skip the pull when it equals the stored
 * artifact's, otherwise pull the manifest, select a layer, extract it (re-archived with ignore
 * rules) or copy it as is, store the artifact and report conditions and events.
 */
export class OCIRepositoryReconciler implements Reconciler {
  constructor(private readonly deps: OCIRepositoryReconcilerDeps) {}

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const begun = await beginSourceReconcile<Obj>(this.deps, 'OCIRepository', request);
    if (!begun) return {};
    const { obj, status } = begun;
    if (await skipWhileSuspended(obj, status)) return {};
    const parsed = OCIRepositorySpecSchema.safeParse(obj.spec);
    if (!parsed.success) {
      markInvalidSpec(obj, parsed.error.issues);
      await finishSourceStatus(obj, status);
      return {};
    }
    const deadline = deadlineSignal(parseDuration(parsed.data.timeout), signal);
    const run: Run = {
      obj,
      status,
      spec: parsed.data,
      wasFailing: FAIL_CONDITIONS.some((t) => isTrue(obj, t)),
      signal: deadline.signal,
    };
    try {
      await this.sync(run);
    } catch (error) {
      if (error instanceof OciFailure || error instanceof StallingError || signal.aborted) throw error;
      markFalse(obj, ConditionType.Ready, Reason.Failed, errorMessage(error));
      await finishSourceStatus(obj, status);
      throw error;
    } finally {
      deadline.dispose();
    }
    return { requeueAfterMs: jitter(parseDuration(parsed.data.interval)) };
  }

  private async sync(run: Run): Promise<void> {
    const artifact = await this.begin(run);
    const remote = await this.resolve(run);
    if (artifact?.revision === remote.revision && !ociContentConfigChanged(run.spec, run.obj.status))
      return this.upToDate(run, artifact);
    await this.build(run, remote, artifact);
  }

  /** Reconciling=True; the stored artifact verified, or dropped when it disappeared. */
  private async begin(run: Run): Promise<Artifact | undefined> {
    const { obj, status } = run;
    const generationChanged = obj.status?.observedGeneration !== obj.metadata.generation;
    markReconciling(
      obj,
      Reason.Progressing,
      generationChanged
        ? OciMessages.newGeneration(obj.status?.observedGeneration, obj.metadata.generation)
        : OciMessages.inProgress,
    );
    let artifact = obj.status?.artifact;
    let missing = false;
    if (artifact && !(await this.deps.store.verify(artifact))) {
      artifact = undefined;
      missing = true;
      delete obj.status?.artifact;
      delete obj.status?.url;
    }
    if (!artifact) {
      const message = missing ? OciMessages.disappeared : OciMessages.building;
      markReconciling(obj, Reason.Progressing, message);
      markUnknown(obj, ConditionType.Ready, Reason.Progressing, message);
      deleteCondition(obj, ConditionType.ArtifactInStorage);
    }
    const requested =
      requestedAt(obj) !== undefined && requestedAt(obj) !== obj.status?.lastHandledReconcileAt;
    if (generationChanged || requested || !artifact || !getCondition(obj, ConditionType.Ready))
      await status.patch();
    return artifact ? this.deps.store.withCurrentUrl(artifact) : undefined;
  }

  /** Credentials, URL, reference and the remote digest, each failure with Flux's reason and message. */
  private async resolve(run: Run): Promise<Remote> {
    const { obj, spec } = run;
    const namespace = obj.metadata.namespace ?? 'default';
    let address: OciRepositoryAddress;
    try {
      address = parseOciUrl(spec.url);
    } catch (error) {
      if (!(error instanceof InvalidOciUrlError)) throw error;
      return stallRun(
        this.deps.events,
        run,
        Reason.URLInvalid,
        OciMessages.urlInvalid(spec.url, error.message),
      );
    }
    if (!spec.verify) deleteCondition(obj, 'SourceVerified');
    const unsupported = unsupportedFeature(spec);
    if (unsupported?.condition === 'SourceVerified') {
      markFalse(obj, unsupported.condition, unsupported.reason, unsupported.message);
      return failRun(this.deps.events, run, undefined, unsupported.reason, unsupported.message);
    }
    if (unsupported)
      return failRun(this.deps.events, run, unsupported.condition, unsupported.reason, unsupported.message);
    const sources = {
      namespace,
      secretName: spec.secretRef?.name,
      serviceAccountName: spec.serviceAccountName,
    };
    const login = await loadRegistryLogin(this.deps.resources, sources, address.registry).catch(
      (error: unknown) =>
        error instanceof OciCredentialsError
          ? failRun(
              this.deps.events,
              run,
              ConditionType.FetchFailed,
              Reason.AuthenticationFailed,
              error.message,
            )
          : Promise.reject(error),
    );
    const client = new OciRegistryClient({
      address,
      insecure: spec.insecure === true,
      login,
      signal: run.signal,
      addressPolicy: this.deps.addressPolicy,
    });
    const ref = artifactRef(spec);
    let tag: string | undefined;
    if (ref.kind === 'tag') tag = ref.tag;
    if (ref.kind === 'semver') {
      try {
        tag = tagBySemver(await client.listTags(), ref.range, ref.filter);
      } catch (error) {
        return failRun(
          this.deps.events,
          run,
          ConditionType.FetchFailed,
          OciReason.ReadOperationFailed,
          OciMessages.tagFailed(spec.url, errorMessage(error)),
        );
      }
    }
    let digest: string;
    try {
      digest = ref.kind === 'digest' ? checkedDigest(ref.digest) : await client.resolveTag(tag ?? 'latest');
    } catch (error) {
      return failRun(
        this.deps.events,
        run,
        ConditionType.FetchFailed,
        OciReason.OCIArtifactPullFailed,
        OciMessages.digestFailed(errorMessage(error)),
      );
    }
    const reference =
      tag !== undefined ? formatReference(address, { tag }) : formatReference(address, { digest });
    return { address, client, reference, revision: ociRevision(tag, digest), digest };
  }

  private async upToDate(run: Run, artifact: Artifact): Promise<void> {
    const { obj } = run;
    obj.status = { ...obj.status, artifact, url: artifact.url };
    this.markStored(obj, artifact.revision);
    await this.deps.events.record(
      obj,
      'Trace',
      Reason.ArtifactUpToDate,
      OciMessages.upToDate(artifact.revision),
    );
    if (run.wasFailing) await this.recordStored(run, Reason.Succeeded, artifact);
    await finishSourceStatus(obj, run.status);
  }

  /** Pulls the manifest and the selected layer, stores the artifact and says so. */
  private async build(run: Run, remote: Remote, previous: Artifact | undefined): Promise<void> {
    const { obj, spec } = run;
    if (previous?.revision !== remote.revision) {
      const message = OciMessages.newRevision(remote.revision, remote.reference);
      if (previous) markTrue(obj, ConditionType.ArtifactOutdated, Reason.NewRevision, message);
      markReconciling(
        obj,
        Reason.Progressing,
        OciMessages.buildingRevision(remote.revision, remote.reference),
      );
      markUnknown(
        obj,
        ConditionType.Ready,
        Reason.Progressing,
        OciMessages.buildingRevision(remote.revision, remote.reference),
      );
      await run.status.patch();
    }
    let manifest: ImageManifest;
    try {
      manifest = await remote.client.fetchManifest(remote.digest);
    } catch (error) {
      return failRun(
        this.deps.events,
        run,
        ConditionType.FetchFailed,
        OciReason.OCIArtifactPullFailed,
        OciMessages.pullFailed(spec.url, errorMessage(error)),
      );
    }
    const layer = selectLayer(manifest.layers, spec.layerSelector);
    if ('problem' in layer)
      return failRun(
        this.deps.events,
        run,
        ConditionType.FetchFailed,
        OciReason.OCIArtifactLayerOperationFailed,
        layer.problem,
      );
    const operation = layerOperation(spec);
    const onLayerError = operation === 'copy' ? OciMessages.copyFailed : OciMessages.extractFailed;
    const blob = await remote.client
      .fetchBlob(layer, this.deps.maxLayerBytes ?? DEFAULT_MAX_LAYER_BYTES)
      .catch((error: unknown) =>
        failRun(
          this.deps.events,
          run,
          ConditionType.FetchFailed,
          OciReason.OCIArtifactLayerOperationFailed,
          onLayerError(errorMessage(error)),
        ),
      );
    const stored =
      operation === 'copy'
        ? await storeCopy(this.deps, run, remote.revision, blob)
        : await storeExtracted(this.deps, run, remote.revision, blob);
    stored.metadata =
      manifest.annotations && Object.keys(manifest.annotations).length > 0 ? manifest.annotations : undefined;
    obj.status = {
      ...obj.status,
      artifact: stored,
      url: stored.url,
      observedIgnore: spec.ignore,
      observedLayerSelector: spec.layerSelector,
    };
    deleteCondition(obj, ConditionType.StorageOperationFailed);
    this.markStored(obj, stored.revision);
    if (stored.digest !== previous?.digest) await this.recordStored(run, Reason.NewArtifact, stored);
    else if (run.wasFailing) await this.recordStored(run, Reason.Succeeded, stored);
    await finishSourceStatus(obj, run.status);
  }

  private markStored(obj: Obj, revision: string): void {
    deleteCondition(obj, ConditionType.FetchFailed);
    deleteCondition(obj, ConditionType.ArtifactOutdated);
    markTrue(obj, ConditionType.ArtifactInStorage, Reason.Succeeded, OciMessages.stored(revision));
    markTrue(obj, ConditionType.Ready, Reason.Succeeded, OciMessages.stored(revision));
  }

  private async recordStored(run: Run, reason: string, artifact: Artifact): Promise<void> {
    await this.deps.events.record(
      run.obj,
      'Normal',
      reason,
      OciMessages.storedFrom(artifact.revision, run.spec.url, artifact.metadata),
      {
        'source.toolkit.fluxcd.io/revision': artifact.revision,
        'source.toolkit.fluxcd.io/digest': artifact.digest,
      },
    );
  }
}

function checkedDigest(digest: string): string {
  if (!/^sha256:[a-f0-9]{64}$/.test(digest))
    throw new Error(`unsupported digest algorithm or malformed digest: ${digest}`);
  return digest;
}
