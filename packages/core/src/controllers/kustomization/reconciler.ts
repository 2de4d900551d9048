import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { KUSTOMIZE_API_VERSION, type InventoryEntry, type Kustomization } from '../../api/kustomize-v1.js';
import { ConditionType, Reason } from '../../api/meta.js';
import { SOURCE_API_VERSION, type GitRepository } from '../../api/source-v1.js';
import { ApplyError, applyAllStaged } from '../../kube/apply.js';
import { entryOf, staleEntries } from '../../kube/inventory.js';
import { pruneStale } from '../../kube/prune.js';
import type { Resources } from '../../kube/resources.js';
import { ensureKustomizationFile } from '../../render/kustomization-file.js';
import { kustomizeBuild } from '../../render/kustomize.js';
import { finalizeConditions, getCondition, markFalse, markReconciling, markTrue, markUnknown } from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { parseDuration } from '../../runtime/duration.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { jitter } from '../../runtime/jitter.js';
import { downloadArtifact, unpackArtifact } from '../../sources/artifact-fetch.js';
import { secureJoin } from '../../sources/secure-join.js';
import { ensureFinalizer, recordHandledRequest, removeFinalizer, StatusPatcher, type FluxObject } from '../shared/flux-object.js';
import { dependencyNotReady, type FetchedDependency } from './dependencies.js';
import { parseManifests, ownerLabels, withDefaultPortProtocols, withOwnerLabels } from './manifests.js';
import { changeSetMessage, KsMessages } from './messages.js';
import { kustomizationTimeout, REQUEUE_DEPENDENCY_MS, retryInterval } from './timing.js';

/** Field managers, as kustomize-controller names them. */
export const KUSTOMIZE_MANAGER = 'kustomize-controller';
export const KUSTOMIZE_STATUS_MANAGER = 'gotk-kustomize-controller';

/** Dependencies of the Kustomization reconciler. */
export interface KustomizationReconcilerDeps {
  resources: Resources;
  events: EventRecorder;
  kubectlBin: string;
  workDir: string;
  /**
   * Where to fetch an artifact from. The engine serves its own artifacts, so it points at its
   * current artifact server (whose port may differ from the one recorded in the status).
   */
  artifactUrl?: (artifact: { path: string; url: string }) => string;
}

type Ks = Kustomization & FluxObject;

/** A failed step, with the Ready reason Flux reports for it. */
class StepFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly requeueAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Reconciles a Kustomization as kustomize-controller does: resolve the source artifact, check
 * dependencies, build with kustomize, apply in stages with server-side apply, record the
 * inventory, prune stale objects, and report conditions and events.
 */
export class KustomizationReconciler implements Reconciler {
  constructor(private readonly deps: KustomizationReconcilerDeps) {}

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const { resources } = this.deps;
    let obj = await resources.get<Ks>({ apiVersion: KUSTOMIZE_API_VERSION, kind: 'Kustomization', ...request });
    if (!obj) return {};
    if (obj.metadata.deletionTimestamp) return this.finalize(obj);
    obj = await ensureFinalizer(resources, obj, KUSTOMIZE_STATUS_MANAGER);
    const status = new StatusPatcher(resources, obj, KUSTOMIZE_STATUS_MANAGER);
    if (obj.spec.suspend) {
      recordHandledRequest(obj);
      await status.patch();
      return {};
    }
    const started = Date.now();
    const interval = parseDuration(obj.spec.interval);
    try {
      const source = await this.resolveSource(obj);
      await this.checkDependencies(obj, source.status?.artifact?.revision);
      await this.applyRevision(obj, status, source, signal);
    } catch (error) {
      const failure = error instanceof StepFailure ? error : new StepFailure(Reason.ReconciliationFailed, errorMessage(error));
      markFalse(obj, ConditionType.Ready, failure.reason, failure.message);
      if (failure.reason === Reason.DependencyNotReady) {
        await this.event(obj, 'Normal', Reason.DependencyNotReady, KsMessages.dependencyWait);
      } else if (failure.requeueAfterMs === undefined || failure.reason !== Reason.ArtifactFailed) {
        await this.event(obj, 'Warning', failure.reason, failure.message);
      }
      await this.finish(obj, status);
      return { requeueAfterMs: failure.requeueAfterMs ?? retryInterval(obj.spec) };
    }
    await this.finish(obj, status);
    await this.event(obj, 'Normal', Reason.ReconciliationSucceeded, KsMessages.finished(Date.now() - started, interval), {
      'kustomize.toolkit.fluxcd.io/commit_status': 'update',
    });
    return { requeueAfterMs: jitter(interval) };
  }

  private async resolveSource(obj: Ks): Promise<GitRepository> {
    const ref = obj.spec.sourceRef;
    if (ref.kind !== 'GitRepository') {
      throw new StepFailure(Reason.ArtifactFailed, `source kind '${ref.kind}' is not supported yet`, retryInterval(obj.spec));
    }
    const source = await this.deps.resources.get<GitRepository & FluxObject>({
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
        const object = await this.deps.resources.get<Ks>({ apiVersion: KUSTOMIZE_API_VERSION, kind: 'Kustomization', ...ref });
        return { ref, object };
      }),
    );
    const problem = dependencyNotReady(obj, fetched, revision);
    if (problem) throw new StepFailure(Reason.DependencyNotReady, problem, REQUEUE_DEPENDENCY_MS);
  }

  private async applyRevision(obj: Ks, status: StatusPatcher, source: GitRepository, signal: AbortSignal): Promise<void> {
    const artifact = source.status?.artifact;
    if (!artifact) throw new StepFailure(Reason.ArtifactFailed, KsMessages.noArtifact, REQUEUE_DEPENDENCY_MS);
    const revision = artifact.revision;
    const timeout = kustomizationTimeout(obj.spec);
    markUnknown(obj, ConditionType.Ready, Reason.Progressing, KsMessages.inProgress);
    markReconciling(obj, Reason.Progressing, KsMessages.fetching(revision, timeout));
    await status.patch();
    const tmp = await mkdtemp(join(this.deps.workDir, 'kustomization-'));
    try {
      const url = this.deps.artifactUrl?.(artifact) ?? artifact.url;
      const data = await downloadArtifact({ ...artifact, url }, { timeoutMs: timeout, signal }).catch((error: unknown) => {
        const notFound = (error as { notFound?: boolean }).notFound;
        throw new StepFailure(Reason.ArtifactFailed, notFound ? KsMessages.artifactGone : errorMessage(error), notFound ? REQUEUE_DEPENDENCY_MS : undefined);
      });
      await unpackArtifact(data, tmp).catch((error: unknown) => {
        throw new StepFailure(Reason.ArtifactFailed, errorMessage(error));
      });
      const dir = this.resolvePath(tmp, obj.spec.path ?? '');
      obj.status = { ...obj.status, lastAttemptedRevision: revision };
      markReconciling(obj, Reason.Progressing, KsMessages.building(revision, timeout));
      const objects = await this.build(dir, obj, timeout, signal);
      markReconciling(obj, Reason.Progressing, KsMessages.detecting(revision, timeout));
      await this.applyAndPrune(obj, objects);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    obj.status = { ...obj.status, lastAppliedRevision: revision };
    markTrue(obj, ConditionType.Ready, Reason.ReconciliationSucceeded, KsMessages.applied(revision));
  }

  private resolvePath(root: string, path: string): string {
    let dir: string;
    try {
      dir = secureJoin(root, path);
    } catch (error) {
      throw new StepFailure(Reason.ArtifactFailed, errorMessage(error));
    }
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new StepFailure(Reason.ArtifactFailed, KsMessages.pathNotFound(path.replace(/^\.\//, '')));
    }
    return dir;
  }

  private async build(dir: string, obj: Ks, timeoutMs: number, signal: AbortSignal): Promise<ReturnType<typeof parseManifests>> {
    try {
      await ensureKustomizationFile(dir);
      const yaml = await kustomizeBuild(dir, { kubectlBin: this.deps.kubectlBin, timeoutMs, signal });
      const owner = { name: obj.metadata.name, namespace: obj.metadata.namespace ?? 'default' };
      return withOwnerLabels(withDefaultPortProtocols(parseManifests(yaml)), owner);
    } catch (error) {
      throw new StepFailure(Reason.BuildFailed, errorMessage(error));
    }
  }

  private async applyAndPrune(obj: Ks, objects: ReturnType<typeof parseManifests>): Promise<void> {
    const oldEntries: InventoryEntry[] = obj.status?.inventory?.entries ?? [];
    let changeSet;
    try {
      changeSet = await applyAllStaged(this.deps.resources, objects, { fieldManager: KUSTOMIZE_MANAGER });
    } catch (error) {
      const partial = error instanceof ApplyError ? changeSetMessage(error.changeSet, ['created', 'configured']) : '';
      throw new StepFailure(Reason.ReconciliationFailed, partial ? `${errorMessage(error)}\n${partial}` : errorMessage(error));
    }
    const applied = changeSetMessage(changeSet, ['created', 'configured']);
    if (applied) await this.event(obj, 'Normal', getCondition(obj, ConditionType.Ready)?.reason ?? 'info', applied);
    const newEntries = changeSet.map((c) => entryOf(c.object));
    obj.status = { ...obj.status, inventory: { entries: newEntries } };
    if (!obj.spec.prune) return;
    const owner = ownerLabels({ name: obj.metadata.name, namespace: obj.metadata.namespace ?? 'default' });
    const pruned = await pruneStale(this.deps.resources, staleEntries(oldEntries, newEntries), { labels: owner });
    const deleted = changeSetMessage(pruned.changeSet, ['deleted']);
    if (deleted) await this.event(obj, 'Normal', getCondition(obj, ConditionType.Ready)?.reason ?? 'info', deleted);
    if (pruned.failed.length > 0) {
      obj.status = { ...obj.status, inventory: { entries: [...newEntries, ...pruned.failed] } };
      throw new StepFailure(Reason.PruneFailed, pruned.errors.join('\n'));
    }
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

  private async event(obj: Ks, type: 'Normal' | 'Warning', reason: string, message: string, extra: Record<string, string> = {}): Promise<void> {
    const revision = obj.status?.lastAttemptedRevision ?? obj.status?.lastAppliedRevision;
    const metadata = { ...(revision ? { 'kustomize.toolkit.fluxcd.io/revision': revision } : {}), ...extra };
    await this.deps.events.record(obj, type, reason, message, metadata);
  }

  private async finish(obj: Ks, status: StatusPatcher): Promise<void> {
    finalizeConditions(obj);
    recordHandledRequest(obj);
    if (getCondition(obj, ConditionType.Ready)?.status === 'True') {
      obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
    }
    await status.patch();
  }
}
