import { HelmReason } from '../../api/helmrelease-v2.js';
import { ConditionType } from '../../api/meta.js';
import { markFalse } from '../../runtime/conditions.js';
import { errorMessage } from '../../runtime/errors.js';
import { StatusPatcher } from '../shared/flux-object.js';
import { impersonatedUser, TargetClusterError } from '../kustomization/target-cluster.js';
import { reconcileChartTemplate } from './chart-template.js';
import { HELM_CONTROLLER } from './crds.js';
import type { HelmReleaseReconcilerDeps } from './release-context.js';
import { hrNamespace, type Hr } from './release-spec.js';
import type { ReleaseTargets } from './release-target.js';
import { NoLatestReleaseError, runUninstall } from './uninstall-action.js';

/**
 * helm-controller's `reconcileDelete`: unless suspended, uninstall the release (skipped when no
 * storage namespace was recorded, or when the impersonated ServiceAccount is gone) and delete
 * the generated HelmChart. A failed uninstall keeps the finalizer (the error is retried).
 */
export async function finalizeRelease(
  found: Hr,
  deps: HelmReleaseReconcilerDeps,
  targets: ReleaseTargets,
  signal: AbortSignal,
): Promise<void> {
  if (found.spec.suspend) return;
  const hr = structuredClone(found);
  const status = new StatusPatcher(deps.resources, hr, HELM_CONTROLLER);
  try {
    if (hr.status?.storageNamespace) await uninstall(hr, deps, targets, status, signal);
    await reconcileChartTemplate(hr, deps.resources, deps.events);
  } finally {
    await status.patch().catch(() => undefined);
  }
}

async function uninstall(
  hr: Hr,
  deps: HelmReleaseReconcilerDeps,
  targets: ReleaseTargets,
  status: StatusPatcher,
  signal: AbortSignal,
): Promise<void> {
  let target;
  try {
    target = await targets.targetFor(hr);
  } catch (error) {
    if (error instanceof TargetClusterError && /not found/.test(error.message)) return;
    markFalse(
      hr,
      ConditionType.Ready,
      HelmReason.UninstallFailed,
      `failed to build REST client getter to uninstall release: ${errorMessage(error)}`,
    );
    throw error;
  }
  const user = impersonatedUser(hr, deps.defaultServiceAccount);
  if (!hr.spec.kubeConfig && user) {
    const account = user.slice(user.lastIndexOf(':') + 1);
    const sa = await deps.resources.get({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      namespace: hrNamespace(hr),
      name: account,
    });
    if (!sa) return;
  }
  try {
    await runUninstall({ hr, deps, status, signal, secretStrings: [], target, ssaDefault: false });
  } catch (error) {
    if (!(error instanceof NoLatestReleaseError)) throw error;
  }
  const s = (hr.status ??= {});
  delete s.history;
  delete s.storageNamespace;
}
