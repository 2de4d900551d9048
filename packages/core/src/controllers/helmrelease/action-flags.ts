import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import {
  installArgs,
  rollbackArgs,
  templateArgs,
  testArgs,
  uninstallArgs,
  upgradeArgs,
  type WaitStrategy,
} from '../../render/helm/helm-args.js';
import { actionTimeoutMs, maxHistory, releaseName, releaseNamespace, type Hr } from './release-spec.js';

/**
 * helm-controller's `internal/action` option mapping, as helm CLI flags: wait strategy,
 * server-side apply (with `auto` resolved from the release's recorded apply method, as Flux
 * resolves it), ownership, hooks, history. Pure.
 */

/**
 * `getWaitStrategy`: disabled waits wait only for hooks; `legacy` is Helm's own; `poller` (the
 * default) is helm-controller's kstatus poller, which Tideline runs itself after Helm's hooks
 * (Flux's fork of kstatus, `healthCheckExprs`, Jobs until complete) — Helm is told `hookOnly`.
 */
export function waitStrategy(hr: Hr, disableWait: boolean | undefined): WaitStrategy {
  if (disableWait) return 'hookOnly';
  if (hr.spec.waitStrategy?.name === 'legacy') return 'legacy';
  return 'hookOnly';
}

/** Whether the controller runs its own (poller) wait after a release action. Pure. */
export function ownsHealthWait(hr: Hr, disableWait: boolean | undefined): boolean {
  return !disableWait && hr.spec.waitStrategy?.name !== 'legacy';
}

/** `auto`/`enabled`/`disabled` against the release Helm would base the action on. */
function ssaMode(
  mode: 'enabled' | 'disabled' | 'auto' | undefined,
  base: StoredReleaseJson | undefined,
): boolean {
  if (mode === 'enabled') return true;
  if (mode === 'disabled') return false;
  return base?.apply_method === 'ssa';
}

/** `helm install` argv for the HelmRelease. */
export function installFlags(hr: Hr, chartPath: string, ssaDefault: boolean): string[] {
  const spec = hr.spec.install ?? {};
  return installArgs({
    release: releaseName(hr),
    namespace: releaseNamespace(hr),
    chartPath,
    timeoutMs: actionTimeoutMs(hr, 'install'),
    wait: waitStrategy(hr, spec.disableWait),
    waitForJobs: !spec.disableWaitForJobs,
    disableHooks: spec.disableHooks,
    serverSide: spec.serverSideApply ?? ssaDefault,
    disableOpenAPIValidation: spec.disableOpenAPIValidation,
    skipSchemaValidation: spec.disableSchemaValidation,
    takeOwnership: !spec.disableTakeOwnership,
    replace: spec.replace,
    createNamespace: Boolean(hr.spec.targetNamespace) && spec.createNamespace === true,
  });
}

/** `helm upgrade` argv; `last` is the latest stored release (for `serverSideApply: auto`). */
export function upgradeFlags(hr: Hr, chartPath: string, last: StoredReleaseJson | undefined): string[] {
  const spec = hr.spec.upgrade ?? {};
  return upgradeArgs({
    release: releaseName(hr),
    namespace: releaseNamespace(hr),
    chartPath,
    timeoutMs: actionTimeoutMs(hr, 'upgrade'),
    wait: waitStrategy(hr, spec.disableWait),
    waitForJobs: !spec.disableWaitForJobs,
    disableHooks: spec.disableHooks,
    serverSide: ssaMode(spec.serverSideApply, last),
    disableOpenAPIValidation: spec.disableOpenAPIValidation,
    skipSchemaValidation: spec.disableSchemaValidation,
    takeOwnership: !spec.disableTakeOwnership,
    forceReplace: spec.force,
    cleanupOnFail: spec.cleanupOnFail,
    preserveValues: spec.preserveValues,
    maxHistory: maxHistory(hr),
  });
}

/** `helm template` argv rendering what the next install (or upgrade, with a release) would. */
export function templateFlags(hr: Hr, chartPath: string, isUpgrade: boolean): string[] {
  const spec = isUpgrade ? (hr.spec.upgrade ?? {}) : (hr.spec.install ?? {});
  return templateArgs({
    release: releaseName(hr),
    namespace: releaseNamespace(hr),
    chartPath,
    isUpgrade,
    disableHooks: spec.disableHooks,
    skipSchemaValidation: spec.disableSchemaValidation,
  });
}

/** `helm rollback` argv to `target` (its apply method decides `auto`). */
export function rollbackFlags(hr: Hr, version: number, target: StoredReleaseJson | undefined): string[] {
  const spec = hr.spec.rollback ?? {};
  return rollbackArgs({
    release: releaseName(hr),
    namespace: releaseNamespace(hr),
    version,
    timeoutMs: actionTimeoutMs(hr, 'rollback'),
    wait: waitStrategy(hr, spec.disableWait),
    waitForJobs: !spec.disableWaitForJobs,
    disableHooks: spec.disableHooks,
    serverSide: ssaMode(spec.serverSideApply, target),
    forceReplace: spec.force,
    cleanupOnFail: spec.cleanupOnFail,
    maxHistory: maxHistory(hr),
  });
}

/** `helm uninstall` argv for release `name`. */
export function uninstallFlags(hr: Hr, name: string, namespace: string): string[] {
  const spec = hr.spec.uninstall ?? {};
  return uninstallArgs({
    release: name,
    namespace,
    timeoutMs: actionTimeoutMs(hr, 'uninstall'),
    disableHooks: spec.disableHooks,
    keepHistory: spec.keepHistory,
    wait: spec.disableWait ? 'hookOnly' : hr.spec.waitStrategy?.name === 'legacy' ? 'legacy' : 'watcher',
    deletionPropagation: spec.deletionPropagation ?? 'background',
  });
}

/** `helm test` argv. */
export function testFlags(hr: Hr): string[] {
  return testArgs({
    release: releaseName(hr),
    namespace: releaseNamespace(hr),
    timeoutMs: actionTimeoutMs(hr, 'test'),
    filters: hr.spec.test?.filters ?? [],
  });
}
