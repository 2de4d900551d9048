import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConditionType, Reason, type Artifact } from '../../api/meta.js';
import { GitRepositorySpecSchema, SOURCE_API_VERSION, type GitRepository } from '../../api/source-v1.js';
import type { Resources } from '../../kube/resources.js';
import { deleteCondition, finalizeConditions, getCondition, markFalse, markReconciling, markStalled, markTrue, markUnknown } from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { parseDuration } from '../../runtime/duration.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { jitter } from '../../runtime/jitter.js';
import { artifactPath, type ArtifactStore } from '../../sources/artifact-store.js';
import { directoryEntries } from '../../sources/directory-entries.js';
import { cloneBranch, GitError, remoteBranchHead } from '../../sources/git.js';
import { packTarGz } from '../../sources/tar-writer.js';
import { ensureFinalizer, recordHandledRequest, removeFinalizer, StatusPatcher, type FluxObject } from '../shared/flux-object.js';
import { GitMessages } from './messages.js';
import { artifactFileName, branchRevision, targetBranch } from './revision.js';

/** The status field manager, as source-controller names itself. */
export const SOURCE_CONTROLLER = 'source-controller';

/** Dependencies of the GitRepository reconciler. */
export interface GitRepositoryReconcilerDeps {
  resources: Resources;
  store: ArtifactStore;
  events: EventRecorder;
  workDir: string;
  gitBin?: string;
}

/** Thrown after status was written, so the controller backs off without logging twice. */
class FetchFailure extends Error {}

/**
 * Reconciles a GitRepository as source-controller does: ls-remote, skip when the artifact is
 * current, otherwise shallow-clone, pack a normalized tar.gz, store it and report conditions.
 */
export class GitRepositoryReconciler implements Reconciler {
  constructor(private readonly deps: GitRepositoryReconcilerDeps) {}

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const { resources, store } = this.deps;
    const ref = { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', ...request };
    let obj = (await resources.get<GitRepository & FluxObject>(ref)) as (GitRepository & FluxObject) | undefined;
    if (!obj) return {};
    if (obj.metadata.deletionTimestamp) {
      await store.removeAll('GitRepository', request.namespace, request.name);
      await removeFinalizer(resources, obj, SOURCE_CONTROLLER);
      return {};
    }
    obj = await ensureFinalizer(resources, obj, SOURCE_CONTROLLER);
    const status = new StatusPatcher(resources, obj, SOURCE_CONTROLLER);
    if (obj.spec.suspend) {
      recordHandledRequest(obj);
      await status.patch();
      return {};
    }
    const parsed = GitRepositorySpecSchema.safeParse(obj.spec);
    if (!parsed.success) {
      markStalled(obj, Reason.URLInvalid, `invalid spec: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      markFalse(obj, ConditionType.Ready, Reason.URLInvalid, getCondition(obj, ConditionType.Stalled)?.message ?? '');
      await this.finish(obj, status);
      return {};
    }
    const spec = parsed.data;
    const interval = parseDuration(spec.interval);
    try {
      await this.reconcileSource(obj, status, spec.url, targetBranch(spec), parseDuration(spec.timeout), signal);
    } catch (error) {
      if (error instanceof FetchFailure) throw error;
      markFalse(obj, ConditionType.Ready, Reason.Failed, errorMessage(error));
      await this.finish(obj, status);
      throw error;
    }
    return { requeueAfterMs: jitter(interval) };
  }

  private async reconcileSource(
    obj: GitRepository & FluxObject,
    status: StatusPatcher,
    url: string,
    branch: string,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<void> {
    const { store, events } = this.deps;
    const generationChanged = obj.status?.observedGeneration !== obj.metadata.generation;
    markReconciling(
      obj,
      Reason.Progressing,
      generationChanged ? GitMessages.newGeneration(obj.status?.observedGeneration, obj.metadata.generation) : GitMessages.inProgress,
    );
    let artifact = obj.status?.artifact;
    if (artifact && !(await store.verify(artifact))) {
      artifact = undefined;
      delete obj.status?.artifact;
      markReconciling(obj, Reason.Progressing, GitMessages.disappeared);
      markUnknown(obj, ConditionType.Ready, Reason.Progressing, GitMessages.disappeared);
    }
    if (generationChanged || !getCondition(obj, ConditionType.Ready)) await status.patch();
    const gitOptions = { gitBin: this.deps.gitBin, timeoutMs, signal };
    let commit: string;
    try {
      commit = await remoteBranchHead(url, branch, gitOptions);
    } catch (error) {
      return this.fetchFailed(obj, status, error);
    }
    const revision = branchRevision(branch, commit);
    const wasReady = getCondition(obj, ConditionType.Ready)?.status === 'True';
    if (artifact && artifact.revision === revision) {
      obj.status = { ...obj.status, artifact: store.withCurrentUrl(artifact) };
      this.markStored(obj, revision);
      await events.record(obj, 'Normal', Reason.ArtifactUpToDate, GitMessages.upToDate(revision));
      if (!wasReady) await events.record(obj, 'Normal', Reason.Succeeded, GitMessages.stored(revision), this.eventMeta(artifact));
      await this.finish(obj, status);
      return;
    }
    markTrue(obj, ConditionType.ArtifactOutdated, Reason.NewRevision, `new upstream revision '${revision}'`);
    markReconciling(obj, Reason.Progressing, GitMessages.newRevision(revision));
    markUnknown(obj, ConditionType.Ready, Reason.Progressing, GitMessages.newRevision(revision));
    const tmp = await mkdtemp(join(this.deps.workDir, 'gitrepository-'));
    try {
      const checkout = await cloneBranch(url, branch, join(tmp, 'checkout'), gitOptions).catch((error: unknown) => {
        throw new GitError(errorMessage(error), error instanceof GitError ? error.kind : 'failed');
      });
      const checkedRevision = branchRevision(branch, checkout.commit);
      const data = packTarGz(await directoryEntries(join(tmp, 'checkout')));
      const name = obj.metadata.name;
      const namespace = obj.metadata.namespace ?? 'default';
      const stored: Artifact = await store.store(
        artifactPath('GitRepository', namespace, name, artifactFileName(checkout.commit)),
        data,
        checkedRevision,
      );
      await store.garbageCollect(stored);
      obj.status = { ...obj.status, artifact: stored };
      this.markStored(obj, checkedRevision);
      await events.record(obj, 'Normal', Reason.NewArtifact, GitMessages.storedCommit(checkout.subject), this.eventMeta(stored));
      await this.finish(obj, status);
    } catch (error) {
      if (error instanceof GitError) return this.fetchFailed(obj, status, error);
      throw error;
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  private markStored(obj: GitRepository & FluxObject, revision: string): void {
    deleteCondition(obj, ConditionType.FetchFailed);
    deleteCondition(obj, ConditionType.ArtifactOutdated);
    markTrue(obj, ConditionType.ArtifactInStorage, Reason.Succeeded, GitMessages.stored(revision));
    markTrue(obj, ConditionType.Ready, Reason.Succeeded, GitMessages.stored(revision));
  }

  private async fetchFailed(obj: GitRepository & FluxObject, status: StatusPatcher, error: unknown): Promise<never> {
    const reason = error instanceof GitError && error.kind === 'auth' ? Reason.AuthenticationFailed : Reason.GitOperationFailed;
    const message = GitMessages.checkoutFailed(errorMessage(error));
    markTrue(obj, ConditionType.FetchFailed, reason, message);
    markFalse(obj, ConditionType.Ready, reason, message);
    await this.deps.events.record(obj, 'Warning', reason, message);
    await this.finish(obj, status);
    throw new FetchFailure(message);
  }

  private eventMeta(artifact: Artifact): Record<string, string> {
    return { 'source.toolkit.fluxcd.io/revision': artifact.revision, 'source.toolkit.fluxcd.io/digest': artifact.digest };
  }

  private async finish(obj: GitRepository & FluxObject, status: StatusPatcher): Promise<void> {
    finalizeConditions(obj);
    recordHandledRequest(obj);
    const ready = getCondition(obj, ConditionType.Ready);
    if (ready?.status === 'True' || getCondition(obj, ConditionType.Stalled)) {
      obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
    }
    await status.patch();
  }
}
