import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { AclReason } from '../../api/acl.js';
import { KUSTOMIZE_API_VERSION } from '../../api/kustomize-v1.js';
import { ConditionType, Reason } from '../../api/meta.js';
import { SOURCE_API_VERSION, type GitRepository } from '../../api/source-v1.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import { celStatusReader, InvalidCelExpressionError } from '../../kube/health/cel-health.js';
import type { Resources } from '../../kube/resources.js';
import {
  finalizeConditions,
  getCondition,
  markFalse,
  markReconciling,
  markStalled,
  markTrue,
  markUnknown,
} from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { parseDuration } from '../../runtime/duration.js';
import { errorMessage } from '../../runtime/errors.js';
import { jitter } from '../../runtime/jitter.js';
import {
  ensureFinalizer,
  recordHandledRequest,
  removeFinalizer,
  StatusPatcher,
  type FluxObject,
} from '../shared/flux-object.js';
import { fetchArtifact, resolveBuildPath } from './artifact-step.js';
import { ArtifactTrees } from './artifact-trees.js';
import { converge } from './converge.js';
import { dependencyNotReady, type FetchedDependency } from './dependencies.js';
import { deleteInventory } from './finalize-step.js';
import { KsMessages } from './messages.js';
import { sourceAccessDenied } from './source-access.js';
import {
  emitEvent,
  StepFailure,
  TerminalStepFailure,
  type Ks,
  type KustomizationReconcilerDeps,
  type RevisionContext,
  type StepContext,
} from './step-context.js';
import { TargetClusterError, TargetClusters } from './target-cluster.js';
import { kustomizationTimeout, REQUEUE_DEPENDENCY_MS, retryInterval } from './timing.js';

export { KUSTOMIZE_MANAGER } from './apply-step.js';
export type { KustomizationReconcilerDeps } from './step-context.js';

/** The artifact metadata key Flux reads a source's origin revision from (OCI artifacts). */
const ORIGIN_REVISION_KEY = 'org.opencontainers.image.revision';

function originRevision(source: GitRepository): string | undefined {
  return source.status?.artifact?.metadata?.[ORIGIN_REVISION_KEY] || undefined;
}

const INVALID_CEL = 'InvalidCELExpression';

/** `healthCheckExprs` must compile; an invalid one is terminal (`InvalidCELExpression`), as in Flux. */
function compileHealthExprs(obj: Ks): void {
  try {
    celStatusReader(obj.spec.healthCheckExprs ?? []);
  } catch (error) {
    if (!(error instanceof InvalidCelExpressionError)) throw error;
    throw new TerminalStepFailure(
      INVALID_CEL,
      `Reconciliation failed terminally due to configuration error: ${error.message}`,
    );
  }
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
  private readonly targets: TargetClusters;
  /** The Kustomization, its source and its dependencies are read here (the informer caches). */
  private readonly reader: ObjectReader;

  constructor(private readonly deps: KustomizationReconcilerDeps) {
    this.reader = deps.reader ?? deps.resources;
    this.trees = new ArtifactTrees(join(deps.workDir, 'artifact-trees'));
    this.targets = new TargetClusters(deps.resources, deps.defaultServiceAccount);
  }

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const { resources } = this.deps;
    let obj = await this.reader.get<Ks>({
      apiVersion: KUSTOMIZE_API_VERSION,
      kind: 'Kustomization',
      ...request,
    });
    if (!obj) return {};
    if (obj.metadata.deletionTimestamp) return this.finalize(obj);
    obj = await ensureFinalizer(resources, obj, KUSTOMIZE_STATUS_MANAGER);
    const ctx: StepContext = {
      obj,
      status: new StatusPatcher(resources, obj, KUSTOMIZE_STATUS_MANAGER),
      deps: this.deps,
      signal,
    };
    if (obj.spec.suspend) {
      recordHandledRequest(obj);
      await ctx.status.patch();
      return {};
    }
    const started = performance.now();
    const interval = parseDuration(obj.spec.interval);
    try {
      compileHealthExprs(obj);
      const denied = sourceAccessDenied(obj, this.deps.noCrossNamespaceRefs ?? false);
      if (denied) throw new TerminalStepFailure(AclReason.AccessDenied, denied);
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
    const failure =
      error instanceof StepFailure
        ? error
        : new StepFailure(Reason.ReconciliationFailed, errorMessage(error));
    markFalse(obj, ConditionType.Ready, failure.reason, failure.message);
    if (failure instanceof TerminalStepFailure) markStalled(obj, failure.reason, failure.message);
    // kustomize-controller records the generation as observed for this configuration error only.
    if (failure.reason === INVALID_CEL)
      obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
    if (failure.reason === Reason.DependencyNotReady) {
      await emitEvent(ctx, 'Normal', KsMessages.dependencyWait, { reason: Reason.DependencyNotReady });
    } else if (failure.requeueAfterMs === undefined || failure.reason !== Reason.ArtifactFailed) {
      await emitEvent(ctx, 'Warning', failure.eventMessage ?? failure.message, { reason: failure.reason });
    }
    await this.finish(ctx);
    if (failure instanceof TerminalStepFailure) return {};
    return { requeueAfterMs: failure.requeueAfterMs ?? retryInterval(obj.spec) };
  }

  private async resolveSource(obj: Ks): Promise<GitRepository> {
    const ref = obj.spec.sourceRef;
    if (ref.kind !== 'GitRepository' && ref.kind !== 'OCIRepository') {
      throw new StepFailure(
        Reason.ArtifactFailed,
        `source kind '${ref.kind}' is not supported yet`,
        retryInterval(obj.spec),
      );
    }
    const source = await this.reader.get<GitRepository & FluxObject>({
      apiVersion: SOURCE_API_VERSION,
      kind: ref.kind,
      namespace: ref.namespace ?? obj.metadata.namespace,
      name: ref.name,
    });
    if (!source)
      throw new StepFailure(
        Reason.ArtifactFailed,
        KsMessages.sourceNotFound(ref.kind, ref.name),
        retryInterval(obj.spec),
      );
    if (!source.status?.artifact)
      throw new StepFailure(Reason.ArtifactFailed, KsMessages.noArtifact, REQUEUE_DEPENDENCY_MS);
    return source;
  }

  private async checkDependencies(obj: Ks, revision: string | undefined): Promise<void> {
    if (!obj.spec.dependsOn?.length) return;
    const fetched: FetchedDependency[] = await Promise.all(
      obj.spec.dependsOn.map(async (d) => {
        const ref = { name: d.name, namespace: d.namespace ?? obj.metadata.namespace ?? 'default' };
        const object = await this.reader.get<Ks>({
          apiVersion: KUSTOMIZE_API_VERSION,
          kind: 'Kustomization',
          ...ref,
        });
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
    const ctx: RevisionContext = {
      ...step,
      revision: artifact.revision,
      timeoutMs: kustomizationTimeout(obj.spec),
    };
    markUnknown(obj, ConditionType.Ready, Reason.Progressing, KsMessages.inProgress);
    markReconciling(obj, Reason.Progressing, KsMessages.fetching(ctx.revision, ctx.timeoutMs));
    await ctx.status.patch();
    const tree = await fetchArtifact(ctx, artifact, this.trees, () =>
      mkdtemp(join(this.deps.workDir, 'kustomization-')),
    );
    const root = tree.root;
    try {
      const dir = resolveBuildPath(root, obj.spec.path ?? '');
      obj.status = { ...obj.status, lastAttemptedRevision: ctx.revision };
      markReconciling(obj, Reason.Progressing, KsMessages.building(ctx.revision, ctx.timeoutMs));
      await ctx.status.patch();
      await converge({ ...ctx, target: await this.targetFor(obj) }, root, dir, started);
    } finally {
      await tree.done();
    }
    obj.status = {
      ...obj.status,
      lastAppliedRevision: ctx.revision,
      lastAppliedOriginRevision: ctx.originRevision,
    };
    markTrue(obj, ConditionType.Ready, Reason.ReconciliationSucceeded, KsMessages.applied(ctx.revision));
  }

  /** The cluster and identity to apply as; Flux reports a failure here as ReconciliationFailed. */
  private async targetFor(obj: Ks): Promise<Resources> {
    try {
      return await this.targets.resourcesFor(obj);
    } catch (error) {
      if (!(error instanceof TargetClusterError)) throw error;
      throw new StepFailure(
        Reason.ReconciliationFailed,
        error.message,
        undefined,
        `failed to build kube client: ${error.message}`,
      );
    }
  }

  private async finalize(obj: Ks): Promise<ReconcileResult> {
    await deleteInventory(obj, this.deps, this.targets);
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
