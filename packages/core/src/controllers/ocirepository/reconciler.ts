import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConditionType, Reason, type Artifact } from '../../api/meta.js';
import { OCIRepositorySpecSchema, OciReason, type OCIRepository } from '../../api/ocirepository-v1.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { Resources } from '../../kube/resources.js';
import {
  deleteCondition,
  finalizeConditions,
  getCondition,
  isTrue,
  markFalse,
  markReconciling,
  markStalled,
  markTrue,
  markUnknown,
} from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { deadlineSignal } from '../../runtime/deadline.js';
import { parseDuration } from '../../runtime/duration.js';
import { errorMessage, StallingError } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { jitter } from '../../runtime/jitter.js';
import { unpackArtifact } from '../../sources/artifact-fetch.js';
import { artifactPath, type ArtifactStore } from '../../sources/artifact-store.js';
import { DEFAULT_PACK_LIMITS, directoryEntries } from '../../sources/directory-entries.js';
import {
  formatReference,
  InvalidOciUrlError,
  parseOciUrl,
  type OciRepositoryAddress,
} from '../../sources/oci/oci-reference.js';
import { OciRegistryClient, type ImageManifest } from '../../sources/oci/registry-client.js';
import {
  canSkipExcludedDirectories,
  readIgnorePatterns,
  sourceIgnoreFilter,
} from '../../sources/source-ignore.js';
import { loadIgnorePatterns } from '../../sources/source-ignore-files.js';
import { packTarGz } from '../../sources/tar-writer.js';
import { DEFAULT_UNPACK_LIMITS } from '../../sources/tar-reader.js';
import { recordHandledRequest, requestedAt, StatusPatcher, type FluxObject } from '../shared/flux-object.js';
import { beginSourceReconcile, markInvalidSpec, skipWhileSuspended } from '../shared/source-reconcile.js';
import { artifactRef, digestOfRevision, ociRevision, tagBySemver } from './artifact-ref.js';
import { loadRegistryLogin, OciCredentialsError } from './credentials.js';
import { layerOperation, ociContentConfigChanged, selectLayer } from './layer-selection.js';
import { OciMessages } from './messages.js';
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

type Obj = OCIRepository & FluxObject;
type Spec = ReturnType<typeof OCIRepositorySpecSchema.parse>;

/** One reconcile's working state. */
interface Run {
  obj: Obj;
  status: StatusPatcher;
  spec: Spec;
  /** Fail conditions that were True when the run began (for the recovery event). */
  wasFailing: boolean;
  /** The deadline of the remote operations (`spec.timeout`), joined with the reconcile's signal. */
  signal: AbortSignal;
}

/** What the remote side resolved to. */
interface Remote {
  address: OciRepositoryAddress;
  client: OciRegistryClient;
  /** The resolved reference as go-containerregistry prints it (`host/repo:tag`). */
  reference: string;
  /**
   * The resolved manifest digest. The pull goes by it, not by the tag, so a tag moved between
   * resolving and pulling cannot put other content under this revision.
   */
  digest: string;
  revision: string;
}

/** Thrown after status and events say what failed, so the controller backs off without more noise. */
class OciFailure extends Error {}

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
      await this.finish(obj, status);
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
      await this.finish(obj, status);
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
      return this.stalled(run, Reason.URLInvalid, OciMessages.urlInvalid(spec.url, error.message));
    }
    if (!spec.verify) deleteCondition(obj, 'SourceVerified');
    const unsupported = unsupportedFeature(spec);
    if (unsupported?.condition === 'SourceVerified') {
      markFalse(obj, unsupported.condition, unsupported.reason, unsupported.message);
      return this.failed(run, undefined, unsupported.reason, unsupported.message);
    }
    if (unsupported) return this.failed(run, unsupported.condition, unsupported.reason, unsupported.message);
    const sources = {
      namespace,
      secretName: spec.secretRef?.name,
      serviceAccountName: spec.serviceAccountName,
    };
    const login = await loadRegistryLogin(this.deps.resources, sources, address.registry).catch(
      (error: unknown) =>
        error instanceof OciCredentialsError
          ? this.failed(run, ConditionType.FetchFailed, Reason.AuthenticationFailed, error.message)
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
        return this.failed(
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
      return this.failed(
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
    await this.finish(obj, run.status);
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
      return this.failed(
        run,
        ConditionType.FetchFailed,
        OciReason.OCIArtifactPullFailed,
        OciMessages.pullFailed(spec.url, errorMessage(error)),
      );
    }
    const layer = selectLayer(manifest.layers, spec.layerSelector);
    if ('problem' in layer)
      return this.failed(
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
        this.failed(
          run,
          ConditionType.FetchFailed,
          OciReason.OCIArtifactLayerOperationFailed,
          onLayerError(errorMessage(error)),
        ),
      );
    const stored =
      operation === 'copy'
        ? await this.storeCopy(run, remote.revision, blob)
        : await this.storeExtracted(run, remote.revision, blob);
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
    await this.finish(obj, run.status);
  }

  /** `operation: copy`: the layer's own bytes become the artifact. */
  private async storeCopy(run: Run, revision: string, blob: Buffer): Promise<Artifact> {
    return this.save(run, revision, blob).catch((error: unknown) =>
      this.failed(
        run,
        ConditionType.StorageOperationFailed,
        Reason.ArchiveOperationFailed,
        OciMessages.copyToStorageFailed(errorMessage(error)),
      ),
    );
  }

  /** `operation: extract`: unpack (symlinks skipped, size-capped), then archive with the ignore rules. */
  private async storeExtracted(run: Run, revision: string, blob: Buffer): Promise<Artifact> {
    const tmp = await mkdtemp(join(this.deps.workDir, 'ocirepository-'));
    try {
      await unpackArtifact(blob, tmp, DEFAULT_UNPACK_LIMITS).catch((error: unknown) =>
        this.failed(
          run,
          ConditionType.FetchFailed,
          OciReason.OCIArtifactLayerOperationFailed,
          OciMessages.extractFailed(errorMessage(error)),
        ),
      );
      const fromFiles = await loadIgnorePatterns(tmp).catch((error: unknown) =>
        this.failed(
          run,
          undefined,
          'SourceIgnoreError',
          `failed to load source ignore patterns from repository: ${errorMessage(error)}`,
        ),
      );
      const patterns = [
        ...fromFiles,
        ...(run.spec.ignore !== undefined ? readIgnorePatterns(run.spec.ignore) : []),
      ];
      const filter = {
        exclude: sourceIgnoreFilter(patterns),
        skipExcludedDirs: canSkipExcludedDirectories(patterns),
      };
      return await directoryEntries(tmp, DEFAULT_PACK_LIMITS, filter)
        .then((entries) => this.save(run, revision, packTarGz(entries)))
        .catch((error: unknown) =>
          error instanceof OciFailure
            ? Promise.reject(error)
            : this.failed(
                run,
                ConditionType.StorageOperationFailed,
                Reason.ArchiveOperationFailed,
                OciMessages.archiveFailed(errorMessage(error)),
              ),
        );
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  /** Stores bytes as `ocirepository/<ns>/<name>/<digest>.tar.gz`, Flux's file name. */
  private async save(run: Run, revision: string, data: Buffer): Promise<Artifact> {
    const { obj } = run;
    const path = artifactPath(
      'OCIRepository',
      obj.metadata.namespace ?? 'default',
      obj.metadata.name,
      `${digestOfRevision(revision)}.tar.gz`,
    );
    const stored = await this.deps.store.store(path, data, revision);
    await this.deps.store.garbageCollect(stored);
    return stored;
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

  /** A terminal problem: Stalled, FetchFailed and Ready=False with the same reason; no retry until the spec changes. */
  private async stalled(run: Run, reason: string, message: string): Promise<never> {
    const { obj } = run;
    markTrue(obj, ConditionType.FetchFailed, reason, message);
    markStalled(obj, reason, message);
    markFalse(obj, ConditionType.Ready, reason, message);
    await this.deps.events.record(obj, 'Warning', reason, message);
    await this.finish(obj, run.status);
    throw new StallingError(message, reason);
  }

  /** A negative condition True, Ready=False with the same reason and message, a Warning event; then back off. */
  private async failed(
    run: Run,
    condition: string | undefined,
    reason: string,
    message: string,
  ): Promise<never> {
    const { obj } = run;
    if (condition) markTrue(obj, condition, reason, message);
    markFalse(obj, ConditionType.Ready, reason, message);
    await this.deps.events.record(obj, 'Warning', reason, message);
    await this.finish(obj, run.status);
    throw new OciFailure(message);
  }

  private async finish(obj: Obj, status: StatusPatcher): Promise<void> {
    finalizeConditions(obj);
    recordHandledRequest(obj);
    if (isTrue(obj, ConditionType.Ready) || getCondition(obj, ConditionType.Stalled)) {
      obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
    }
    await status.patch();
  }
}

function checkedDigest(digest: string): string {
  if (!/^sha256:[a-f0-9]{64}$/.test(digest))
    throw new Error(`unsupported digest algorithm or malformed digest: ${digest}`);
  return digest;
}
