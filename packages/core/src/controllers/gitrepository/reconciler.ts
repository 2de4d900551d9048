import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConditionType, Reason, type Artifact } from '../../api/meta.js';
import { GitRepositoryConditionType, GitRepositorySpecSchema } from '../../api/source-v1.js';
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
import { parseDuration } from '../../runtime/duration.js';
import { errorMessage, WaitingError } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { jitter } from '../../runtime/jitter.js';
import type { ArtifactStore } from '../../sources/artifact-store.js';
import { redactSecrets } from '../../sources/git-auth.js';
import { isEmptyRemote, lsRemote } from '../../sources/git-remote.js';
import { GitError, gitSecrets, type GitOptions } from '../../sources/git-runner.js';
import { prepareGitTransport } from '../../sources/git-transport.js';
import type { AddressPolicy } from '../../sources/address-policy.js';
import {
  beginSourceReconcile,
  markInvalidSpec,
  skipWhileSuspended,
  SOURCE_CONTROLLER,
} from '../shared/source-reconcile.js';
import { finishSourceStatus } from '../shared/source-status.js';
import { packArtifact } from './artifact-packing.js';
import { checkoutResolved } from './checkout.js';
import {
  checkoutStrategy,
  remotePatterns,
  resolveRemote,
  strategyProblem,
  type RemoteResolution,
} from './checkout-strategy.js';
import { contentConfigChanged } from './content-config.js';
import { readAuthSecret, resolveAuth } from './credentials.js';
import { DirectFetchFailed, failRun, fetchFailed, FetchFailure, StalledFailure } from './failure.js';
import { includedArtifacts } from './include-step.js';
import { GitMessages, shortMessage } from './messages.js';
import { asListFailure, listsRemoteFirst } from './remote-listing.js';
import type { GitRepositoryObject, GitRepositoryRun, ResolvedRemote } from './run.js';
import { markStored } from './stored-status.js';
import { missingSparseDirectory } from './sparse-checkout.js';
import { verifySource } from './verify-step.js';

export { SOURCE_CONTROLLER };

/** Dependencies of the GitRepository reconciler. */
export interface GitRepositoryReconcilerDeps {
  resources: Resources;
  /** Where the reconciled object is read (the engine's informer cache); default: `resources`. */
  reader?: ObjectReader;
  store: ArtifactStore;
  events: EventRecorder;
  workDir: string;
  gitBin?: string;
  /** The `gpg` that checks `spec.verify` signatures (default: `gpg` on PATH). */
  gpgBin?: string;
  /** How long to wait before retrying when an include is unavailable (Flux `--requeue-dependency`, 30s). */
  dependencyRequeueMs?: number;
  /** Destinations git may not reach (the engine's `addressPolicy`). */
  addressPolicy?: AddressPolicy;
}

type Obj = GitRepositoryObject;
type Run = GitRepositoryRun;

const FAIL_CONDITIONS = [
  ConditionType.FetchFailed,
  ConditionType.StorageOperationFailed,
  GitRepositoryConditionType.IncludeUnavailable,
];

/**
 * Reconciles a GitRepository as source-controller does: resolve the ref with `git ls-remote`,
 * skip the clone when the artifact is current, otherwise fetch shallowly, pack a normalized
 * tar.gz, store it and report conditions and events. A branch without an artifact yet is
 * fetched at once, without listing the remote first.
 */
export class GitRepositoryReconciler implements Reconciler {
  constructor(private readonly deps: GitRepositoryReconcilerDeps) {}

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const begun = await beginSourceReconcile<Obj>(this.deps, 'GitRepository', request);
    if (!begun) return {};
    const { obj, status } = begun;
    if (await skipWhileSuspended(obj, status)) return {};
    const parsed = GitRepositorySpecSchema.safeParse(obj.spec);
    if (!parsed.success) {
      markInvalidSpec(obj, parsed.error.issues);
      await finishSourceStatus(obj, status);
      return {};
    }
    const git: GitOptions = {
      gitBin: this.deps.gitBin,
      timeoutMs: parseDuration(parsed.data.timeout),
      signal,
      addressPolicy: this.deps.addressPolicy,
    };
    const wasFailing = FAIL_CONDITIONS.some((type) => isTrue(obj, type));
    const { url, secretRef } = parsed.data;
    const strategy = checkoutStrategy(parsed.data);
    const run: Run = {
      obj,
      status,
      spec: parsed.data,
      url,
      secretRef: secretRef?.name,
      strategy,
      git,
      wasFailing,
    };
    try {
      await this.sync(run);
    } catch (error) {
      if (error instanceof StalledFailure) return {};
      if (error instanceof FetchFailure || error instanceof WaitingError) throw error;
      // Unexpected failures too: no credential may reach status, events or the controller log.
      const message = redactSecrets(errorMessage(error), gitSecrets(run.git));
      markFalse(obj, ConditionType.Ready, Reason.Failed, message);
      await finishSourceStatus(obj, status);
      throw new Error(message);
    } finally {
      await run.disposeTransport?.();
    }
    return { requeueAfterMs: jitter(parseDuration(parsed.data.interval)) };
  }

  private async sync(run: Run): Promise<void> {
    const artifact = await this.begin(run);
    await this.authenticate(run);
    const includes = await includedArtifacts(this.deps, run);
    if (!artifact && (await this.buildDirectly(run, includes))) return;
    const remote = await this.resolve(run, artifact !== undefined);
    const unchanged =
      artifact?.revision === remote.revision && !contentConfigChanged(run.spec, run.obj.status, includes);
    if (artifact && unchanged) return this.upToDate(run, artifact);
    await this.build(run, remote, artifact, includes);
  }

  /** Reconciling=True, and the stored artifact verified (or dropped when it disappeared). */
  private async begin(run: Run): Promise<Artifact | undefined> {
    const { obj, status } = run;
    const generationChanged = obj.status?.observedGeneration !== obj.metadata.generation;
    // A failed verification is worked out again; a successful one stands for the last artifact.
    if (getCondition(obj, GitRepositoryConditionType.SourceVerified)?.status === 'False')
      deleteCondition(obj, GitRepositoryConditionType.SourceVerified);
    const message = generationChanged
      ? GitMessages.newGeneration(obj.status?.observedGeneration, obj.metadata.generation)
      : GitMessages.inProgress;
    markReconciling(obj, Reason.Progressing, message);
    let artifact = obj.status?.artifact;
    if (artifact) await this.collectGarbage(obj, artifact);
    if (artifact && !(await this.deps.store.verify(artifact))) {
      artifact = undefined;
      delete obj.status?.artifact;
      markReconciling(obj, Reason.Progressing, GitMessages.disappeared);
      markUnknown(obj, ConditionType.Ready, Reason.Progressing, GitMessages.disappeared);
    }
    if (generationChanged || !getCondition(obj, ConditionType.Ready)) await status.patch();
    return artifact ? this.deps.store.withCurrentUrl(artifact) : undefined;
  }

  /**
   * Flux's reconcileStorage GC, before the artifact is verified: old artifacts go by the
   * retention rule (a trace event says how many); a failure is ignored, as Flux ignores it.
   */
  private async collectGarbage(obj: Obj, artifact: Artifact): Promise<void> {
    const deleted = await this.deps.store.garbageCollect(artifact).catch(() => []);
    if (deleted.length > 0)
      await this.deps.events.record(
        obj,
        'Trace',
        'GarbageCollectionSucceeded',
        `garbage collected ${deleted.length} artifacts`,
      );
  }

  /** Reads `spec.secretRef` and turns it into credentials; problems are AuthenticationFailed. */
  private async authenticate(run: Run): Promise<void> {
    let data: Record<string, string> | undefined;
    if (run.secretRef) {
      const namespace = run.obj.metadata.namespace ?? 'default';
      data = await readAuthSecret(this.deps.resources, namespace, run.secretRef).catch((error: unknown) =>
        failRun(
          this.deps.events,
          run,
          ConditionType.FetchFailed,
          Reason.AuthenticationFailed,
          errorMessage(error),
        ),
      );
    }
    const auth = resolveAuth(
      run.url,
      data,
      `${run.obj.metadata.namespace ?? 'default'}/${run.secretRef ?? ''}`,
    );
    if (!auth.ok)
      return failRun(
        this.deps.events,
        run,
        ConditionType.FetchFailed,
        Reason.AuthenticationFailed,
        auth.message,
      );
    run.url = auth.url;
    run.git = { ...run.git, credentials: auth.credentials };
    if (!auth.transport) return;
    const options = {
      connectTimeoutSeconds: run.git.timeoutMs / 1000,
      addressPolicy: this.deps.addressPolicy,
    };
    const transport = await prepareGitTransport(this.deps.workDir, run.url, auth.transport, options).catch(
      (error: unknown) =>
        // An unusable key is a failed checkout in Flux (go-git builds the auth method there).
        error instanceof GitError
          ? fetchFailed(this.deps.events, run, error)
          : failRun(
              this.deps.events,
              run,
              ConditionType.FetchFailed,
              Reason.AuthenticationFailed,
              `failed to configure authentication options: ${errorMessage(error)}`,
            ),
    );
    run.disposeTransport = transport?.dispose;
    run.git = { ...run.git, transport };
  }

  /**
   * With no artifact to compare against there is nothing for `ls-remote` to save, so a branch is
   * fetched straight away, as Flux clones at once (it saves a round trip and a process per new
   * source). A missing ref falls back to the listing path, which words it as Flux does.
   */
  private async buildDirectly(run: Run, includes: Artifact[]): Promise<boolean> {
    if (run.strategy.kind !== 'branch' || strategyProblem(run.strategy)) return false;
    const fetch = [`refs/heads/${run.strategy.branch}`];
    try {
      await this.build(run, { ok: true, commit: '', revision: '', fetch }, undefined, includes, {
        direct: true,
      });
      return true;
    } catch (error) {
      if (error instanceof DirectFetchFailed) return false;
      throw error;
    }
  }

  /** Lists the remote refs the strategy needs and resolves the commit and revision. */
  private async resolve(run: Run, hasArtifact: boolean): Promise<ResolvedRemote> {
    const problem = strategyProblem(run.strategy);
    if (problem) return fetchFailed(this.deps.events, run, new GitError(problem, 'not-found'));
    let resolution: RemoteResolution;
    try {
      const refs = await lsRemote(run.url, remotePatterns(run.strategy), run.git);
      resolution = resolveRemote(run.strategy, refs, run.url);
      if (!resolution.ok && resolution.reason === 'not-found' && (await isEmptyRemote(run.url, run.git))) {
        const empty =
          run.strategy.kind === 'branch'
            ? GitMessages.emptyRepository
            : `unable to clone '${run.url}': remote repository is empty`;
        return fetchFailed(this.deps.events, run, new GitError(empty, 'empty'));
      }
    } catch (error) {
      return fetchFailed(
        this.deps.events,
        run,
        listsRemoteFirst(run.strategy, hasArtifact) ? asListFailure(run.url, error) : error,
      );
    }
    if (!resolution.ok)
      return fetchFailed(this.deps.events, run, new GitError(resolution.message, 'not-found'));
    return resolution;
  }

  private async upToDate(run: Run, artifact: Artifact): Promise<void> {
    const { obj } = run;
    obj.status = { ...obj.status, artifact };
    markStored(obj, artifact.revision);
    await this.deps.events.record(
      obj,
      'Trace',
      Reason.ArtifactUpToDate,
      GitMessages.upToDate(artifact.revision),
    );
    if (run.wasFailing)
      await this.recordStored(obj, Reason.Succeeded, GitMessages.storedCommit(artifact.revision), artifact);
    await finishSourceStatus(obj, run.status);
  }

  /** Fetches, checks (sparse directories, signatures), packs and stores a new artifact. */
  private async build(
    run: Run,
    remote: ResolvedRemote,
    previous: Artifact | undefined,
    includes: Artifact[],
    options: { direct?: boolean } = {},
  ): Promise<void> {
    const { obj, spec } = run;
    const tmp = await mkdtemp(join(this.deps.workDir, 'gitrepository-'));
    try {
      const dir = join(tmp, 'checkout');
      const content = { sparseCheckout: spec.sparseCheckout, recurseSubmodules: spec.recurseSubmodules };
      const checked = await checkoutResolved(run.url, dir, run.strategy, remote, run.git, content).catch(
        (error: unknown) =>
          // A missing branch (or an empty repository) is worded from the remote listing; a
          // transport failure reads the same either way, so it is reported without a second try.
          options.direct && /couldn't find remote ref/.test(errorMessage(error))
            ? Promise.reject(new DirectFetchFailed())
            : fetchFailed(this.deps.events, run, error),
      );
      const missing = await missingSparseDirectory(dir, spec.sparseCheckout ?? []);
      if (missing)
        await failRun(
          this.deps.events,
          run,
          ConditionType.FetchFailed,
          Reason.GitOperationFailed,
          GitMessages.sparseFailed(missing),
        );
      // Fetched: an old FetchFailed must not outlive it, even if verification fails next.
      deleteCondition(obj, ConditionType.FetchFailed);
      await verifySource(this.deps, run, dir, checked);
      // As source-controller: the new revision is announced once it is checked out and verified.
      if (previous?.revision !== checked.revision) {
        if (previous)
          markTrue(
            obj,
            ConditionType.ArtifactOutdated,
            Reason.NewRevision,
            GitMessages.outdatedRevision(checked.revision),
          );
        markReconciling(obj, Reason.Progressing, GitMessages.newRevision(checked.revision));
        markUnknown(obj, ConditionType.Ready, Reason.Progressing, GitMessages.newRevision(checked.revision));
        await run.status.patch();
      }
      const stored = await packArtifact(this.deps, run, dir, checked, includes);
      markStored(obj, checked.revision);
      const message = GitMessages.storedCommit(shortMessage(checked.checkout.subject));
      if (stored.digest !== previous?.digest)
        await this.recordStored(obj, Reason.NewArtifact, message, stored);
      else if (run.wasFailing) await this.recordStored(obj, Reason.Succeeded, message, stored);
      await finishSourceStatus(obj, run.status);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  private async recordStored(obj: Obj, reason: string, message: string, artifact: Artifact): Promise<void> {
    await this.deps.events.record(obj, 'Normal', reason, message, {
      'source.toolkit.fluxcd.io/revision': artifact.revision,
      'source.toolkit.fluxcd.io/digest': artifact.digest,
    });
  }
}
