import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import {
  HelmChartReason,
  HelmChartSpecSchema,
  type HelmChart,
  type HelmChartSpec,
} from '../../api/helmchart-v1.js';
import type { HelmRepository } from '../../api/helmrepository-v1.js';
import { ConditionType, Reason, type Artifact } from '../../api/meta.js';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { Resources } from '../../kube/resources.js';
import { deleteCondition, getCondition, markStalled, markTrue } from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { parseDuration } from '../../runtime/duration.js';
import { errorMessage, StallingError } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { jitter } from '../../runtime/jitter.js';
import { artifactPath, type ArtifactStore } from '../../sources/artifact-store.js';
import {
  recordHandledRequest,
  requestedAt,
  type FluxObject,
  type StatusPatcher,
} from '../shared/flux-object.js';
import { beginSourceReconcile, invalidSpecMessage, skipWhileSuspended } from '../shared/source-reconcile.js';
import { BuildErrorReason } from './build-error.js';
import { buildMetadata } from './build-metadata.js';
import { DEFAULT_CHART_LIMITS, type ChartLimits } from './chart-archive.js';
import type { CachedChart, ChartBuild } from './chart-build.js';
import { indexChartRepository, type ChartRepository } from './chart-repository.js';
import { IndexCache, readSourceFiles } from './chart-source.js';
import { remoteDependencyResolver } from './dependency-repositories.js';
import { buildLocalChart } from './local-build.js';
import { buildSummary, HelmChartMessages } from './messages.js';
import { ChartSourceError, classifyFailure } from './failure-classification.js';
import { BUILD_FAILED, hasFailure, progressiveStatus, summarizeReady } from './ready-summary.js';
import { remoteDownloader } from './remote-download.js';
import { buildRemoteChart } from './remote-build.js';
import type { AddressPolicy } from '../../sources/address-policy.js';
import { openOciChartRepository } from './oci-chart-repository.js';

/** Dependencies of the HelmChart reconciler. */
export interface HelmChartReconcilerDeps {
  resources: Resources;
  /** Where the reconciled object is read (the engine's informer cache); default: `resources`. */
  reader?: ObjectReader;
  store: ArtifactStore;
  events: EventRecorder;
  /** Chart size caps (Flux's defaults unless a test shrinks them). */
  limits?: ChartLimits;
  /** Destinations outbound fetches may not reach (the engine's `addressPolicy`). */
  addressPolicy?: AddressPolicy;
}

type Chart = HelmChart & FluxObject;
type Source = KubeObject & { spec?: Record<string, unknown>; status?: { artifact?: Artifact } };
type Outcome = 'success' | 'retry' | 'stalled' | 'waiting';

/** Thrown after the status says what failed, so the controller backs off. */
class BuildFailure extends Error {}

/**
 * Reconciles a HelmChart as source-controller does: find the source's artifact, pick and pull
 * (HelmRepository) or load (GitRepository) the chart, merge values files and package when
 * asked, and store it as an artifact whose revision is the chart version.
 */
export class HelmChartReconciler implements Reconciler {
  private readonly indexes = new IndexCache();

  constructor(private readonly deps: HelmChartReconcilerDeps) {}

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const begun = await beginSourceReconcile<Chart>(this.deps, 'HelmChart', request);
    if (!begun) return {};
    const { obj, status } = begun;
    const parsed = HelmChartSpecSchema.safeParse(obj.spec);
    if (!parsed.success) {
      const message = invalidSpecMessage(parsed.error.issues);
      markStalled(obj, BuildErrorReason.ChartReference.reason, message);
      await this.finish(obj, status, 'stalled');
      return {};
    }
    const spec = parsed.data;
    if (await skipWhileSuspended(obj, status)) return {};
    const before = structuredClone(obj.status ?? {});
    progressiveStatus(obj, false, Reason.Progressing, HelmChartMessages.inProgress);
    const observed = obj.status?.observedGeneration ?? -1;
    if (obj.metadata.generation !== observed) {
      progressiveStatus(
        obj,
        false,
        Reason.Progressing,
        HelmChartMessages.newGeneration(observed, obj.metadata.generation ?? 0),
      );
      await status.patch();
    } else if (requestedAt(obj) !== obj.status?.lastHandledReconcileAt) {
      await status.patch();
    }
    await this.reconcileStorage(obj, status);
    let build: ChartBuild | undefined;
    try {
      build = await this.reconcileSource(obj, spec, status, signal);
      if (build) await this.reconcileArtifact(obj, build);
    } catch (error) {
      return this.fail(obj, status, error);
    }
    if (!build) {
      await this.finish(obj, status, 'waiting');
      return { requeueAfterMs: 5_000 };
    }
    await this.notify(obj, before, build);
    await this.finish(obj, status, 'success');
    return { requeueAfterMs: jitter(parseDuration(spec.interval)) };
  }

  /** Drops a stored artifact that vanished or no longer matches its digest. */
  private async reconcileStorage(obj: Chart, status: StatusPatcher): Promise<void> {
    const { store, events } = this.deps;
    const artifact = obj.status?.artifact;
    let missing = false;
    if (artifact && !(await store.verify(artifact))) {
      missing = true;
      // Flux warns only when the file is there but altered; a vanished file is just rebuilt.
      if (existsSync(store.resolve(artifact.path))) {
        await events.record(
          obj,
          'Warning',
          'ArtifactVerificationFailed',
          HelmChartMessages.verificationFailed(`computed digest doesn't match '${artifact.digest}'`),
        );
        await rm(store.resolve(artifact.path), { force: true });
      }
      obj.status = { ...obj.status, artifact: undefined, url: undefined };
    }
    if (!obj.status?.artifact) {
      progressiveStatus(
        obj,
        true,
        Reason.Progressing,
        missing ? HelmChartMessages.disappeared : HelmChartMessages.buildingArtifact,
      );
      deleteCondition(obj, ConditionType.ArtifactInStorage);
      await status.patch();
      return;
    }
    obj.status = {
      ...obj.status,
      artifact: store.withCurrentUrl(obj.status.artifact),
      url: store.withCurrentUrl(obj.status.artifact).url,
    };
  }

  /** Finds the source and builds the chart from it; undefined while the source has no artifact. */
  private async reconcileSource(
    obj: Chart,
    spec: HelmChartSpec,
    status: StatusPatcher,
    signal: AbortSignal,
  ): Promise<ChartBuild | undefined> {
    const namespace = obj.metadata.namespace ?? 'default';
    const { kind, name } = spec.sourceRef;
    if (kind !== 'HelmRepository' && kind !== 'GitRepository') {
      const message = HelmChartMessages.sourceUnavailable(
        `unsupported source kind '${kind}', must be one of: [HelmRepository GitRepository]`,
      );
      markTrue(obj, ConditionType.FetchFailed, HelmChartReason.SourceUnavailable, message);
      throw new StallingError(message, HelmChartReason.UnsupportedSourceKind);
    }
    const source = await this.deps.resources.get<Source>({
      apiVersion: SOURCE_API_VERSION,
      kind,
      namespace,
      name,
    });
    if (!source) {
      const message = HelmChartMessages.sourceUnavailable(
        `${kind.toLowerCase().replace(/y$/, 'ie')}s.source.toolkit.fluxcd.io "${name}" not found`,
      );
      markTrue(obj, ConditionType.FetchFailed, HelmChartReason.SourceUnavailable, message);
      throw new ChartSourceError(message, HelmChartReason.SourceUnavailable);
    }
    // An OCI HelmRepository has no artifact: its charts are pulled from the registry directly.
    const oci =
      kind === 'HelmRepository' && (source.spec as HelmRepository['spec'] | undefined)?.type === 'oci';
    const artifact = source.status?.artifact;
    if (!oci && (!artifact || !(await this.deps.store.verify(artifact)))) {
      const message = HelmChartMessages.noSourceArtifact(kind, name);
      markTrue(obj, ConditionType.FetchFailed, HelmChartReason.NoSourceArtifact, message);
      await this.deps.events.record(obj, 'Normal', HelmChartReason.NoSourceArtifact, message);
      return undefined;
    }
    if (artifact) obj.status = { ...obj.status, observedSourceArtifactRevision: artifact.revision };
    const build = await this.build(obj, spec, source, artifact, signal);
    this.observeBuild(obj, build);
    await status.patch();
    return build;
  }

  private async build(
    obj: Chart,
    spec: HelmChartSpec,
    source: Source,
    artifact: Artifact | undefined,
    signal: AbortSignal,
  ): Promise<ChartBuild> {
    const { store } = this.deps;
    const common = {
      valuesFiles: spec.valuesFiles ?? [],
      ignoreMissingValuesFiles: spec.ignoreMissingValuesFiles ?? false,
      versionMetadata: buildMetadata({
        sourceKind: spec.sourceRef.kind,
        reconcileStrategy: spec.reconcileStrategy ?? 'ChartVersion',
        sourceRevision: artifact?.revision ?? '',
        valuesFiles: spec.valuesFiles ?? [],
        generation: obj.metadata.generation ?? 0,
      }),
      cached: this.cachedChart(obj),
      force: obj.metadata.generation !== (obj.status?.observedGeneration ?? -1),
      limits: this.deps.limits ?? DEFAULT_CHART_LIMITS,
    };
    if (spec.sourceRef.kind === 'GitRepository' && artifact) {
      const remoteDependency = remoteDependencyResolver(
        { ...this.deps, indexes: this.indexes, limits: common.limits },
        obj.metadata.namespace ?? 'default',
        signal,
      );
      const build = await buildLocalChart({
        ...common,
        source: await readSourceFiles(store, artifact),
        chartPath: spec.chart,
        remoteDependency,
      });
      if (build.resolvedDependencies)
        await this.deps.events.record(
          obj,
          'Normal',
          'ResolvedDependencies',
          HelmChartMessages.resolvedDependencies(build.resolvedDependencies),
        );
      return build;
    }
    const repository = await this.chartRepository(
      source as Source & HelmRepository,
      artifact,
      common.limits,
      signal,
    );
    return buildRemoteChart({ ...common, chart: spec.chart, version: spec.version ?? '*' }, repository);
  }

  /** The HelmRepository's charts: its registry for `type: oci`, else its stored index. */
  private async chartRepository(
    repo: HelmRepository,
    artifact: Artifact | undefined,
    limits: ChartLimits,
    signal: AbortSignal,
  ): Promise<ChartRepository> {
    if (repo.spec.type === 'oci')
      return openOciChartRepository(
        this.deps.resources,
        repo,
        limits.maxArchiveBytes,
        signal,
        this.deps.addressPolicy,
      );
    if (!artifact)
      throw new ChartSourceError(
        HelmChartMessages.noSourceArtifact('HelmRepository', repo.metadata.name),
        HelmChartReason.NoSourceArtifact,
      );
    const download = await remoteDownloader(
      this.deps.resources,
      repo,
      limits,
      signal,
      this.deps.addressPolicy,
    );
    return indexChartRepository(await this.indexes.read(this.deps.store, artifact), download);
  }

  private cachedChart(obj: Chart): CachedChart | undefined {
    const artifact = obj.status?.artifact;
    const name = obj.status?.observedChartName;
    if (!artifact || !name) return undefined;
    return { name, version: artifact.revision, valuesFiles: obj.status?.observedValuesFiles };
  }

  /** Flux `observeChartBuild` for a complete build: say what is being built when it is new. */
  private observeBuild(obj: Chart, build: ChartBuild): void {
    if (build.name !== obj.status?.observedChartName || obj.status.artifact?.revision !== build.version) {
      if (obj.status?.artifact)
        markTrue(obj, ConditionType.ArtifactOutdated, HelmChartReason.NewChart, buildSummary(build));
      progressiveStatus(obj, true, Reason.Progressing, HelmChartMessages.building(buildSummary(build)));
    }
    deleteCondition(obj, ConditionType.FetchFailed);
    deleteCondition(obj, BUILD_FAILED);
  }

  /** Stores the packaged chart as `<name>-<version>.tgz`, unless the stored one already is it. */
  private async reconcileArtifact(obj: Chart, build: ChartBuild): Promise<void> {
    const { store, events } = this.deps;
    const reason = build.packaged
      ? HelmChartReason.ChartPackageSucceeded
      : HelmChartReason.ChartPullSucceeded;
    if (!build.data) {
      await events.record(obj, 'Trace', Reason.ArtifactUpToDate, HelmChartMessages.upToDate(build.version));
    } else {
      const namespace = obj.metadata.namespace ?? 'default';
      const path = artifactPath(
        'HelmChart',
        namespace,
        obj.metadata.name,
        `${build.name}-${build.version}.tgz`,
      );
      let artifact: Artifact;
      try {
        artifact = await store.store(path, build.data, build.version);
        await store.garbageCollect(artifact);
      } catch (error) {
        const message = HelmChartMessages.storeFailed(errorMessage(error));
        markTrue(obj, ConditionType.StorageOperationFailed, Reason.ArchiveOperationFailed, message);
        throw new ChartSourceError(message, Reason.ArchiveOperationFailed);
      }
      const ignoreMissing = (obj.spec.ignoreMissingValuesFiles ?? false) && build.valuesFiles.length > 0;
      obj.status = {
        ...obj.status,
        artifact,
        url: artifact.url,
        observedChartName: build.name,
        observedValuesFiles: ignoreMissing ? build.valuesFiles : undefined,
      };
      deleteCondition(obj, ConditionType.StorageOperationFailed);
    }
    if (obj.status?.observedChartName === build.name && obj.status.artifact?.revision === build.version) {
      deleteCondition(obj, ConditionType.ArtifactOutdated);
      markTrue(obj, ConditionType.ArtifactInStorage, reason, buildSummary(build));
    }
  }

  /** A Normal event for a new artifact, or for recovering from a failure without one. */
  private async notify(obj: Chart, before: NonNullable<Chart['status']>, build: ChartBuild): Promise<void> {
    const artifact = obj.status?.artifact;
    if (!artifact) return;
    const recovered = hasFailure({ metadata: obj.metadata, status: before }) && !hasFailure(obj);
    if (before.artifact?.digest === artifact.digest && !recovered) return;
    const reason = build.packaged
      ? HelmChartReason.ChartPackageSucceeded
      : HelmChartReason.ChartPullSucceeded;
    await this.deps.events.record(obj, 'Normal', reason, buildSummary(build), {
      'source.toolkit.fluxcd.io/revision': artifact.revision,
      'source.toolkit.fluxcd.io/digest': artifact.digest,
    });
  }

  private async fail(obj: Chart, status: StatusPatcher, error: unknown): Promise<never> {
    const { reason, message, stalls } = classifyFailure(obj, error);
    if (stalls) markStalled(obj, reason, message);
    await this.deps.events.record(obj, 'Warning', reason, message);
    await this.finish(obj, status, stalls ? 'stalled' : 'retry');
    if (stalls) throw new StallingError(message, reason);
    throw new BuildFailure(message);
  }

  private async finish(obj: Chart, status: StatusPatcher, outcome: Outcome): Promise<void> {
    if (outcome === 'success') {
      deleteCondition(obj, ConditionType.Reconciling);
      deleteCondition(obj, ConditionType.Stalled);
    }
    summarizeReady(obj);
    const reconciling = getCondition(obj, ConditionType.Reconciling);
    if (outcome === 'retry' && reconciling)
      markTrue(obj, ConditionType.Reconciling, Reason.ProgressingWithRetry, reconciling.message);
    recordHandledRequest(obj);
    if (outcome === 'success' || outcome === 'stalled')
      obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
    await status.patch();
  }
}
