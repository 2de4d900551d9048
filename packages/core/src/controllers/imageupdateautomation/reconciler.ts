import type { AddressPolicy } from '../../sources/address-policy.js';
import { IMAGE_API_VERSION } from '../../api/image-group.js';
import {
  AutomationReason,
  ImageUpdateAutomationSpecSchema,
  type ImageUpdateAutomation,
} from '../../api/imageupdateautomation-v1.js';
import { ConditionType, Reason } from '../../api/meta.js';
import { applySetters } from '../../images/setters/apply-setters.js';
import type { UpdateResult } from '../../images/setters/update-result.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import {
  conditionTime,
  getCondition,
  markFalse,
  markStalled,
  markUnknown,
} from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { parseDuration } from '../../runtime/duration.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import { confinedUpdatePath } from '../../sources/marked-files.js';
import {
  recordHandledRequest,
  requestedAt,
  type FluxObject,
  type StatusPatcher,
} from '../shared/flux-object.js';
import { beginImageReconcile, conditionsSnapshot } from '../shared/image-object.js';
import {
  finalizeResult,
  isReady,
  progressiveStatus,
  shouldRecordGeneration,
} from '../shared/result-finalizer.js';
import { CommitMessageError, commitMessage } from './commit-message.js';
import { GitSession, type Pushed } from './git-session.js';
import { AutomationMessages as M } from './messages.js';
import { LabelSelectorError, observedPolicies, observedPoliciesChanged, selectPolicies } from './policies.js';
import { SourceConfigError, sourceConfig, type SourceConfig } from './source-config.js';

/** The field manager and event source, as Flux names the controller. */
export const IMAGE_AUTOMATION_CONTROLLER = 'image-automation-controller';

/** Dependencies of the ImageUpdateAutomation reconciler. */
export interface ImageUpdateAutomationReconcilerDeps {
  resources: Resources;
  reader?: ObjectReader;
  events: EventRecorder;
  workDir: string;
  gitBin?: string;
  /** The ImagePolicies the engine knows (its informer cache). */
  policies(): readonly KubeObject[];
  noCrossNamespaceRefs?: boolean;
  /** Destinations git may not reach (the engine's `addressPolicy`). */
  addressPolicy?: AddressPolicy;
  now?: () => Date;
}

type Obj = ImageUpdateAutomation & FluxObject;
type Spec = ReturnType<typeof ImageUpdateAutomationSpecSchema.parse>;

/** One run's outcome for `finalizeResult`, and what the events need. */
interface RunEnd {
  requeueAfterMs: number;
  error?: string;
  pushed?: { summary: string };
  syncNeeded: boolean;
}

/**
 * Reconciles an ImageUpdateAutomation as image-automation-controller does: select the policies,
 * build the source configuration from the GitRepository, skip the clone when nothing changed
 * since the observed revision, otherwise clone, apply the setters under `update.path`, and
 * commit (signed when asked) and push what changed, with the message template rendered as Go
 * would. Status records the policies and revision observed and the last push.
 */
export class ImageUpdateAutomationReconciler implements Reconciler {
  constructor(private readonly deps: ImageUpdateAutomationReconcilerDeps) {}

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const begun = await beginImageReconcile<Obj>(
      this.deps,
      { apiVersion: IMAGE_API_VERSION, kind: 'ImageUpdateAutomation' },
      request,
      IMAGE_AUTOMATION_CONTROLLER,
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
      end = await this.run(obj, status, interval, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      end = { requeueAfterMs: 0, error: errorMessage(error), syncNeeded: false };
    }
    const isSuccess = (ms: number, err: string | undefined): boolean => err === undefined && ms === interval;
    const error = finalizeResult(obj, end, isSuccess, M.ready);
    recordHandledRequest(obj);
    if (shouldRecordGeneration(obj))
      obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
    await this.notify(before, obj, end);
    await status.patch();
    if (error !== undefined) throw new Error(error);
    return end.requeueAfterMs > 0 ? { requeueAfterMs: end.requeueAfterMs } : {};
  }

  private async run(obj: Obj, status: StatusPatcher, interval: number, signal: AbortSignal): Promise<RunEnd> {
    obj.status = { ...obj.status, lastAutomationRunTime: conditionTime(this.deps.now?.() ?? new Date()) };
    const stall = (reason: string, message: string): RunEnd => {
      markStalled(obj, reason, message);
      return { requeueAfterMs: 0, syncNeeded: false };
    };
    const parsed = ImageUpdateAutomationSpecSchema.safeParse(obj.spec);
    if (!parsed.success)
      return stall(Reason.Failed, `invalid spec: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const spec = parsed.data;
    await this.progress(obj, status);
    let policies;
    try {
      policies = selectPolicies(
        obj.metadata.namespace ?? 'default',
        spec.policySelector,
        this.deps.policies(),
      );
    } catch (error) {
      if (error instanceof LabelSelectorError)
        return stall(AutomationReason.InvalidPolicySelector, M.selector(error.message));
      throw error;
    }
    this.unstick(obj, [AutomationReason.InvalidPolicySelector]);
    const observed = observedPolicies(policies);
    let syncNeeded = observedPoliciesChanged(obj.status?.observedPolicies, observed);
    let config;
    try {
      config = await sourceConfig(this.deps, obj);
    } catch (error) {
      if (!(error instanceof SourceConfigError)) throw error;
      if (error.kind === 'access-denied') return stall('AccessDenied', error.message);
      if (error.kind === 'invalid') return stall(AutomationReason.InvalidSourceConfiguration, error.message);
      return this.failed(
        obj,
        AutomationReason.SourceManagerFailed,
        M.sourceManager(error.message),
        syncNeeded,
      );
    }
    this.unstick(obj, [
      'AccessDenied',
      AutomationReason.InvalidSourceConfiguration,
      AutomationReason.SourceManagerFailed,
    ]);
    if (config.switchBranch || config.refspec) syncNeeded = true;
    let session: GitSession;
    try {
      session = await GitSession.open(config, {
        workDir: this.deps.workDir,
        gitBin: this.deps.gitBin,
        signal,
        addressPolicy: this.deps.addressPolicy,
      });
    } catch (error) {
      if (!(error instanceof SourceConfigError)) throw error;
      return this.failed(
        obj,
        AutomationReason.SourceManagerFailed,
        M.sourceManager(error.message),
        syncNeeded,
      );
    }
    try {
      return await this.sync(obj, spec, session, { interval, syncNeeded, observed, config });
    } finally {
      await session.dispose();
    }
  }

  private async sync(
    obj: Obj,
    spec: Spec,
    session: GitSession,
    run: {
      interval: number;
      syncNeeded: boolean;
      observed: ReturnType<typeof observedPolicies>;
      config: SourceConfig;
    },
  ): Promise<RunEnd> {
    // Flux drops Ready here, so the finalizer writes it True with "repository up-to-date".
    const done = (revision: string, pushed?: { summary: string }): RunEnd => {
      this.dropReady(obj);
      obj.status = { ...obj.status, observedSourceRevision: revision, observedPolicies: run.observed };
      return { requeueAfterMs: run.interval, syncNeeded: true, ...(pushed ? { pushed } : {}) };
    };
    let syncNeeded = run.syncNeeded;
    const observedRevision = obj.status?.observedSourceRevision;
    let working;
    try {
      if (!syncNeeded && observedRevision && (await session.remoteRevision()) === observedRevision) {
        this.dropReady(obj);
        return { requeueAfterMs: run.interval, syncNeeded: false };
      }
      working = await session.checkout();
    } catch (error) {
      return this.failed(
        obj,
        AutomationReason.GitOperationFailed,
        M.checkout(errorMessage(error)),
        syncNeeded,
      );
    }
    syncNeeded = true;
    this.unstick(obj, [AutomationReason.GitOperationFailed]);
    let result: UpdateResult;
    try {
      const root = await confinedUpdatePath(working.dir, spec.update.path);
      result = await applySetters(root, this.policiesOf(obj, run.observed));
    } catch (error) {
      return this.failed(
        obj,
        AutomationReason.UpdateFailed,
        M.applyPolicies(errorMessage(error)),
        syncNeeded,
      );
    }
    this.unstick(obj, [AutomationReason.UpdateFailed]);
    if (result.fileChanges.size === 0) return done(working.revision);
    let pushed: Pushed | undefined;
    let message: string;
    try {
      const automation = { namespace: obj.metadata.namespace ?? 'default', name: obj.metadata.name };
      message = commitMessage(
        spec.git?.commit.messageTemplate,
        automation,
        result,
        spec.git?.commit.messageTemplateValues,
      );
      const author = spec.git?.commit.author;
      pushed = await session.commitAndPush({ name: author?.name ?? '', email: author?.email ?? '' }, message);
    } catch (error) {
      if (error instanceof CommitMessageError && error.removedField)
        return { ...this.stalled(obj, AutomationReason.RemovedTemplateField, error.message), syncNeeded };
      return this.failed(
        obj,
        AutomationReason.GitOperationFailed,
        M.updateSource(errorMessage(error)),
        syncNeeded,
      );
    }
    this.unstick(obj, [AutomationReason.GitOperationFailed]);
    if (!pushed) return done(working.revision);
    const { pushBranch, switchBranch } = run.config;
    obj.status = {
      ...obj.status,
      lastPushCommit: pushed.commit,
      lastPushTime: conditionTime(this.deps.now?.() ?? new Date()),
    };
    // On a branch of its own the automation keeps observing the checkout, as Flux does.
    return done(switchBranch ? working.revision : `${pushBranch}@sha1:${pushed.commit}`, {
      summary: M.pushed(pushed.commit, pushBranch, pushed.refspecs, message),
    });
  }

  /** The selected policies as setters see them. */
  private policiesOf(obj: Obj, observed: ReturnType<typeof observedPolicies>) {
    const namespace = obj.metadata.namespace ?? 'default';
    return Object.entries(observed).map(([name, latestRef]) => ({ namespace, name, latestRef }));
  }

  /** ProgressiveStatus, written at once for a new generation or a reconcile request. */
  private async progress(obj: Obj, status: StatusPatcher): Promise<void> {
    progressiveStatus(obj, false, Reason.Progressing, M.inProgress);
    const generation = obj.status?.observedGeneration;
    if (generation !== obj.metadata.generation) {
      progressiveStatus(obj, false, Reason.Progressing, M.newGeneration(generation, obj.metadata.generation));
      await status.patch();
    } else if (requestedAt(obj) !== obj.status?.lastHandledReconcileAt) await status.patch();
  }

  /** Flux: a Ready left False by one of these reasons goes back to Unknown once the step passes. */
  private unstick(obj: Obj, reasons: readonly string[]): void {
    const ready = getCondition(obj, ConditionType.Ready);
    if (ready && reasons.includes(ready.reason))
      markUnknown(obj, ConditionType.Ready, Reason.Progressing, M.inProgress);
  }

  private dropReady(obj: Obj): void {
    const conditions = obj.status?.conditions ?? [];
    const index = conditions.findIndex((c) => c.type === ConditionType.Ready);
    if (index >= 0) conditions.splice(index, 1);
  }

  private stalled(obj: Obj, reason: string, message: string): RunEnd {
    markStalled(obj, reason, message);
    return { requeueAfterMs: 0, syncNeeded: false };
  }

  private failed(obj: Obj, reason: string, message: string, syncNeeded: boolean): RunEnd {
    markFalse(obj, ConditionType.Ready, reason, message);
    return { requeueAfterMs: 0, error: message, syncNeeded };
  }

  /** image-automation-controller's `notify`: the push summary, Warnings on failure, trace lines otherwise. */
  private async notify(before: Parameters<typeof isReady>[0], obj: Obj, end: RunEnd): Promise<void> {
    const ready = getCondition(obj, ConditionType.Ready);
    const reason = ready?.reason ?? '';
    let message = end.pushed?.summary ?? ready?.message ?? '';
    const [was, is] = [isReady(before), isReady(obj)];
    if ((was && is && end.pushed) || (!was && is))
      return this.deps.events.record(obj, 'Normal', reason, message);
    if (!is) return this.deps.events.record(obj, 'Warning', reason, ready?.message ?? '');
    if (!end.syncNeeded) message = M.noChange;
    await this.deps.events.record(obj, 'Normal', Reason.Succeeded, message);
  }
}
