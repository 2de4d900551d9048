import { HELM_API_VERSION, HelmReason } from '../../api/helmrelease-v2.js';
import { ConditionType } from '../../api/meta.js';
import { celStatusReader, InvalidCelExpressionError } from '../../kube/health/cel-health.js';
import { markFalse, markStalled } from '../../runtime/conditions.js';
import { HrMessages } from './messages.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { Resources } from '../../kube/resources.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { parseDuration } from '../../runtime/duration.js';
import { jitter } from '../../runtime/jitter.js';
import {
  ensureFinalizer,
  recordHandledRequest,
  removeFinalizer,
  StatusPatcher,
} from '../shared/flux-object.js';
import { shouldHandleReset } from './annotation-requests.js';
import { atomicRelease } from './atomic-release.js';
import { reconcileChartTemplate } from './chart-template.js';
import { configDigest } from './config-digest.js';
import { HELM_CONTROLLER } from './crds.js';
import { latest } from './history.js';
import {
  prepare,
  PrepareStop,
  restClientFailure,
  REQUEUE_DEPENDENCY_MS,
  type Prepared,
} from './prepare-step.js';
import type { HelmReleaseReconcilerDeps, ReleaseContext, ReleaseTarget } from './release-context.js';
import {
  isValidChartReference,
  releaseName,
  releaseNamespace,
  shortenName,
  storageNamespace,
  type Hr,
} from './release-spec.js';
import { ReleaseTargets } from './release-target.js';
import { clearFailures } from './remediation.js';
import { finalizeRelease } from './finalize-step.js';
import { NoLatestReleaseError, runUninstall } from './uninstall-action.js';

export type { HelmReleaseReconcilerDeps } from './release-context.js';

/** Why the release's name, namespace, storage or chart changed since the last snapshot. Pure. */
export function releaseTargetChanged(hr: Hr, chartName: string): string | undefined {
  const cur = latest(hr.status?.history);
  if (!hr.status?.storageNamespace || !cur) return undefined;
  if (storageNamespace(hr) !== hr.status.storageNamespace) return 'storage namespace';
  if (releaseNamespace(hr) !== cur.namespace) return 'release namespace';
  if (shortenName(releaseName(hr)) !== cur.name) return 'release name';
  if (chartName !== cur.chartName) return 'chart name';
  return undefined;
}

/**
 * Reconciles a HelmRelease as helm-controller does: the generated HelmChart, prerequisites
 * (dependencies, source, values, chart), then the AtomicRelease loop of Helm actions through
 * the pinned helm CLI; uninstall on deletion unless suspended.
 */
export class HelmReleaseReconciler implements Reconciler {
  private readonly reader: ObjectReader;
  private readonly targets: ReleaseTargets;
  private readonly ssaDefaults = new WeakMap<Resources, Promise<boolean>>();

  constructor(private readonly deps: HelmReleaseReconcilerDeps) {
    this.reader = deps.reader ?? deps.resources;
    this.targets = new ReleaseTargets(deps.resources, deps.kubeconfigPath, deps.defaultServiceAccount);
  }

  async reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult> {
    const found = await this.reader.get<Hr>({
      apiVersion: HELM_API_VERSION,
      kind: 'HelmRelease',
      ...request,
    });
    if (!found) return {};
    if (!isValidChartReference(found.spec)) return {};
    if (found.metadata.deletionTimestamp) {
      await finalizeRelease(found, this.deps, this.targets, signal);
      await removeFinalizer(this.deps.resources, found, HELM_CONTROLLER);
      return {};
    }
    const hr = structuredClone(await ensureFinalizer(this.deps.resources, found, HELM_CONTROLLER));
    const status = new StatusPatcher(this.deps.resources, hr, HELM_CONTROLLER);
    let result: ReconcileResult = {};
    let observe = false;
    try {
      if (hr.spec.suspend) {
        observe = true;
        return {};
      }
      if (!(await this.checkHealthExprs(hr))) {
        observe = true;
        return {};
      }
      await reconcileChartTemplate(hr, this.deps.resources, this.deps.events);
      const prepared = await prepare(hr, this.deps, status, signal);
      const outcome = await this.release(hr, prepared, status, signal);
      observe = outcome.observe;
      result = outcome.result;
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof PrepareStop) {
        observe = error.requeueAfterMs === 'terminal';
        result =
          typeof error.requeueAfterMs === 'number' ? { requeueAfterMs: jitter(error.requeueAfterMs) } : {};
        if (error.requeueAfterMs === undefined) throw error;
        return result;
      }
      throw error;
    } finally {
      recordHandledRequest(hr);
      if (observe) (hr.status ??= {}).observedGeneration = hr.metadata.generation;
      await status.patch();
    }
    return result;
  }

  private async release(
    hr: Hr,
    prepared: Prepared,
    status: StatusPatcher,
    signal: AbortSignal,
  ): Promise<{ result: ReconcileResult; observe: boolean }> {
    let target: ReleaseTarget;
    try {
      target = await this.targets.targetFor(hr);
    } catch (error) {
      throw restClientFailure(hr, error);
    }
    const ctx: ReleaseContext = {
      hr,
      deps: this.deps,
      status,
      signal,
      chart: prepared.chart,
      values: prepared.composed.values,
      secretStrings: prepared.composed.secretStrings,
      target,
      ssaDefault: await this.ssaDefault(target.resources),
    };
    await this.recoverStaging(ctx);
    const changed = releaseTargetChanged(hr, prepared.chart.name);
    if (
      changed &&
      (changed !== 'chart name' || (hr.spec.upgrade?.chartNameChangeStrategy ?? 'Reinstall') === 'Reinstall')
    ) {
      try {
        await runUninstall(ctx);
      } catch (error) {
        if (!(error instanceof NoLatestReleaseError)) throw error;
      }
      const s = (hr.status ??= {});
      delete s.history;
      clearFailures(hr);
      delete s.storageNamespace;
      return { result: { requeueAfterMs: 0 }, observe: false };
    }
    const s = (hr.status ??= {});
    s.storageNamespace = storageNamespace(hr);
    if (mustResetFailures(hr, prepared)) clearFailures(hr);
    s.lastAttemptedGeneration = hr.metadata.generation;
    s.lastAttemptedRevision = prepared.chart.version;
    if (prepared.chart.ociDigest) s.lastAttemptedRevisionDigest = prepared.chart.ociDigest;
    else delete s.lastAttemptedRevisionDigest;
    s.lastAttemptedConfigDigest = configDigest(ctx.values);
    delete s.lastAttemptedValuesChecksum;
    delete s.lastReleaseRevision;
    const outcome = await atomicRelease(ctx);
    switch (outcome.kind) {
      case 'retry-after':
        return { result: { requeueAfterMs: jitter(outcome.ms) }, observe: true };
      case 'requeue':
        return { result: { requeueAfterMs: 1000 }, observe: false };
      case 'stalled':
        return { result: {}, observe: true };
      case 'done':
        return { result: { requeueAfterMs: jitter(parseDuration(hr.spec.interval)) }, observe: true };
    }
  }

  /** Compiles `healthCheckExprs`; an invalid one stalls the release (`InvalidCELExpression`), as Flux does. */
  private async checkHealthExprs(hr: Hr): Promise<boolean> {
    try {
      celStatusReader(hr.spec.healthCheckExprs ?? []);
      return true;
    } catch (error) {
      if (!(error instanceof InvalidCelExpressionError)) throw error;
      const message = `${HrMessages.terminal}: ${error.message}`;
      markFalse(hr, ConditionType.Ready, HelmReason.InvalidCELExpression, message);
      markStalled(hr, HelmReason.InvalidCELExpression, message);
      await this.deps.events.record(hr, 'Warning', HelmReason.InvalidCELExpression, error.message, {});
      return false;
    }
  }

  /**
   * Flux installs with server-side apply; Kubernetes before 1.22 (SSA beta) rejects real charts
   * that way (a Service port without `protocol`), so there the default is client-side apply.
   */
  private ssaDefault(resources: Resources): Promise<boolean> {
    if (this.deps.serverSideApplyDefault !== undefined)
      return Promise.resolve(this.deps.serverSideApplyDefault);
    let known = this.ssaDefaults.get(resources);
    if (!known) {
      known = resources.client
        .request<{ major?: string; minor?: string }>({ method: 'GET', path: '/version' })
        .then(
          (v) => Number(v.major) > 1 || (Number(v.major) === 1 && Number.parseInt(v.minor ?? '0', 10) >= 22),
        )
        .catch(() => false);
      this.ssaDefaults.set(resources, known);
    }
    return known;
  }

  /** Moves release Secrets staged in the release namespace by an interrupted helm call back. */
  private async recoverStaging(ctx: ReleaseContext): Promise<void> {
    const { hr, target } = ctx;
    const work = releaseNamespace(hr);
    const store = storageNamespace(hr);
    if (work === store) return;
    if (await target.storage.has(work, releaseName(hr)))
      await target.storage.sync(releaseName(hr), work, store, true);
  }
}

/** `MustResetFailures`: a new generation, chart version or values, or a reset request. Mutates `hr.status` (lastHandledResetAt). */
function mustResetFailures(hr: Hr, prepared: Prepared): boolean {
  const s = hr.status ?? {};
  const reset = shouldHandleReset(hr);
  if (s.lastAttemptedGeneration !== hr.metadata.generation) return true;
  if ((s.lastAttemptedRevision ?? '') !== prepared.chart.version) return true;
  if (s.lastAttemptedConfigDigest && s.lastAttemptedConfigDigest !== configDigest(prepared.composed.values))
    return true;
  return reset;
}

export { REQUEUE_DEPENDENCY_MS };
