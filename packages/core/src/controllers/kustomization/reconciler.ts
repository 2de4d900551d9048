import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { KUSTOMIZE_API_VERSION } from '../../api/kustomize-v1.js';
import { ConditionType, Reason } from '../../api/meta.js';
import { SOURCE_API_VERSION, type GitRepository } from '../../api/source-v1.js';
import { pruneStale } from '../../kube/prune.js';
import { finalizeConditions, getCondition, markFalse, markReconciling, markTrue, markUnknown } from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { parseDuration } from '../../runtime/duration.js';
import { errorMessage } from '../../runtime/errors.js';
import { jitter } from '../../runtime/jitter.js';
import { ensureFinalizer, recordHandledRequest, removeFinalizer, StatusPatcher, type FluxObject } from '../shared/flux-object.js';
import { fetchArtifact, resolveBuildPath } from './artifact-step.js';
import { ArtifactTrees } from './artifact-trees.js';
import { converge } from './converge.js';
import { dependencyNotReady, type FetchedDependency } from './dependencies.js';
import { ownerLabels } from './manifests.js';
import { KsMessages } from './messages.js';
import { emitEvent, StepFailure, type Ks, type KustomizationReconcilerDeps, type RevisionContext, type StepContext } from './step-context.js';
import { kustomizationTimeout, REQUEUE_DEPENDENCY_MS, retryInterval } from './timing.js';

export { KUSTOMIZE_MANAGER } from './apply-step.js';
export type { KustomizationReconcilerDeps } from './step-context.js';

/** The artifact metadata key Flux reads a source's origin revision from (OCI artifacts). */
const ORIGIN_REVISION_KEY = 'org.opencontainers.image.revision';

function originRevision(source: GitRepository): string | undefined {
  return source.status?.artifact?.metadata?.[ORIGIN_REVISION_KEY] || undefined;
}

/** Field manager of status patches, as kustomize-controller names it. */
export const KUSTOMIZE_STATUS_MANAGER = 'gotk-kustomize-controller';

/**
 * Reconciles a Kustomization as kustomize-controller does: resolve the source artifact, check
 * dependencies, build with kustomize, apply in stages with server-side apply, record the
 * inventory, prune stale objects, check health, and report conditions and events.
 */
export class KustomizationReconciler implements Reconciler {
  private readonly trees: ArtifactTrees;

  constructor(private readonly deps: KustomizationReconcilerDeps) {
    this.trees = new ArtifactTrees(join(deps.workDir, 'artifact-trees'));
  }

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const { resources } = this.deps;
    let obj = await (this.deps.reader ?? resources).get<Ks>({ apiVersion: KUSTOMIZE_API_VERSION, kind: 'Kustomization', ...request });
    if (!obj) return {};
    if (obj.metadata.deletionTimestamp) return this.finalize(obj);
    obj = await ensureFinalizer(resources, obj, KUSTOMIZE_STATUS_MANAGER);
    const ctx: StepContext = { obj, status: new StatusPatcher(resources, obj, KUSTOMIZE_STATUS_MANAGER), deps: this.deps, signal };
    if (obj.spec.suspend) {
      recordHandledRequest(obj);
      await ctx.status.patch();
      return {};
    }
    const started = performance.now();
    const interval = parseDuration(obj.spec.interval);
    try {
      const source = await this.resolveSource(obj);
      ctx.originRevision = originRevision(source);
      await this.checkDependencies(obj, source.status?.artifact?.revision);
      await this.applyRevision(ctx, source, started);
    } catch (error) {
      if (signal.aborted) throw error;
      return this.fail(ctx, error);
    }
    await this.finish(ctx);
    await emitEvent(ctx, 'Normal', KsMessages.finished(performance.now() - started, interval), {
      reason: Reason.ReconciliationSucceeded,
      extra: { 'kustomize.toolkit.fluxcd.io/commit_status': 'update' },
    });
    return { requeueAfterMs: jitter(interval) };
  }

  private async fail(ctx: StepContext, error: unknown): Promise<ReconcileResult> {
    const { obj } = ctx;
    const failure = error instanceof StepFailure ? error : new StepFailure(Reason.ReconciliationFailed, errorMessage(error));
    markFalse(obj, ConditionType.Ready, failure.reason, failure.message);
    if (failure.reason === Reason.DependencyNotReady) {
      await emitEvent(ctx, 'Normal', KsMessages.dependencyWait, { reason: Reason.DependencyNotReady });
    } else if (failure.requeueAfterMs === undefined || failure.reason !== Reason.ArtifactFailed) {
      await emitEvent(ctx, 'Warning', failure.message, { reason: failure.reason });
    }
    await this.finish(ctx);
    return { requeueAfterMs: failure.requeueAfterMs ?? retryInterval(obj.spec) };
  }

  private async resolveSource(obj: Ks): Promise<GitRepository> {
    const ref = obj.spec.sourceRef;
    if (ref.kind !== 'GitRepository' && ref.kind !== 'OCIRepository') {
      throw new StepFailure(Reason.ArtifactFailed, `source kind '${ref.kind}' is not supported yet`, retryInterval(obj.spec));
    }
    const source = await (this.deps.reader ?? this.deps.resources).get<GitRepository & FluxObject>({
      apiVersion: SOURCE_API_VERSION,
      kind: ref.kind,
      namespace: ref.namespace ?? obj.metadata.namespace,
      name: ref.name,
    });
    if (!source) throw new StepFailure(Reason.ArtifactFailed, KsMessages.sourceNotFound(ref.kind, ref.name), retryInterval(obj.spec));
    if (!source.status?.artifact) throw new StepFailure(Reason.ArtifactFailed, KsMessages.noArtifact, REQUEUE_DEPENDENCY_MS);
    return source;
  }

  private async checkDependencies(obj: Ks, revision: string | undefined): Promise<void> {
    if (!obj.spec.dependsOn?.length) return;
    const fetched: FetchedDependency[] = await Promise.all(
      obj.spec.dependsOn.map(async (d) => {
        const ref = { name: d.name, namespace: d.namespace ?? obj.metadata.namespace ?? 'default' };
        const object = await (this.deps.reader ?? this.deps.resources).get<Ks>({ apiVersion: KUSTOMIZE_API_VERSION, kind: 'Kustomization', ...ref });
        return { ref, object };
      }),
    );
    const problem = dependencyNotReady(obj, fetched, revision);
    if (problem) throw new StepFailure(Reason.DependencyNotReady, problem, REQUEUE_DEPENDENCY_MS);
  }

  private async applyRevision(step: StepContext, source: GitRepository, started: number): Promise<void> {
    const artifact = source.status?.artifact;
    if (!artifact) throw new StepFailure(Reason.ArtifactFailed, KsMessages.noArtifact, REQUEUE_DEPENDENCY_MS);
    const { obj } = step;
    const ctx: RevisionContext = { ...step, revision: artifact.revision, timeoutMs: kustomizationTimeout(obj.spec) };
    markUnknown(obj, ConditionType.Ready, Reason.Progressing, KsMessages.inProgress);
    markReconciling(obj, Reason.Progressing, KsMessages.fetching(ctx.revision, ctx.timeoutMs));
    await ctx.status.patch();
    const tree = await fetchArtifact(ctx, artifact, this.trees, () => mkdtemp(join(this.deps.workDir, 'kustomization-')));
    const root = tree.root;
    try {
      const dir = resolveBuildPath(root, obj.spec.path ?? '');
      obj.status = { ...obj.status, lastAttemptedRevision: ctx.revision };
      markReconciling(obj, Reason.Progressing, KsMessages.building(ctx.revision, ctx.timeoutMs));
      await ctx.status.patch();
      await converge(ctx, root, dir, started);
    } finally {
      await tree.done();
    }
    obj.status = { ...obj.status, lastAppliedRevision: ctx.revision, lastAppliedOriginRevision: ctx.originRevision };
    markTrue(obj, ConditionType.Ready, Reason.ReconciliationSucceeded, KsMessages.applied(ctx.revision));
  }

  private async finalize(obj: Ks): Promise<ReconcileResult> {
    const entries = obj.status?.inventory?.entries ?? [];
    const policy = obj.spec.deletionPolicy ?? 'MirrorPrune';
    const deleteResources = !obj.spec.suspend && entries.length > 0 && (policy === 'Delete' || policy === 'WaitForTermination' || (policy === 'MirrorPrune' && obj.spec.prune));
    if (deleteResources) {
      const owner = ownerLabels({ name: obj.metadata.name, namespace: obj.metadata.namespace ?? 'default' });
      await pruneStale(this.deps.resources, entries, { labels: owner });
    }
    await removeFinalizer(this.deps.resources, obj, KUSTOMIZE_STATUS_MANAGER);
    return {};
  }

  private async finish(ctx: StepContext): Promise<void> {
    const { obj } = ctx;
    finalizeConditions(obj);
    recordHandledRequest(obj);
    if (getCondition(obj, ConditionType.Ready)?.status === 'True') {
      obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
    }
    await ctx.status.patch();
  }
}
