import { formatDuration } from '../../runtime/duration.js';

/** helm-controller's condition and event messages, word for word. Pure. */
export const HrMessages = {
  installFailure: (ns: string, name: string, chart: string, version: string, err: string) =>
    `Helm install failed for release ${ns}/${name} with chart ${chart}@${version}: ${err}`,
  installSuccess: (release: string, chart: string) =>
    `Helm install succeeded for release ${release} with chart ${chart}`,
  upgradeFailure: (ns: string, name: string, chart: string, version: string, err: string) =>
    `Helm upgrade failed for release ${ns}/${name} with chart ${chart}@${version}: ${err}`,
  upgradeSuccess: (release: string, chart: string) =>
    `Helm upgrade succeeded for release ${release} with chart ${chart}`,
  testPending: (release: string, chart: string) =>
    `Helm release ${release} with chart ${chart} is awaiting tests`,
  testFailure: (release: string, chart: string, err: string) =>
    `Helm test failed for release ${release} with chart ${chart}: ${err}`,
  testSuccess: (release: string, chart: string, hooks: number) =>
    `Helm test succeeded for release ${release} with chart ${chart}: ${
      hooks === 0 ? 'no test hooks' : `${hooks} test ${hooks > 1 ? 'hooks' : 'hook'} completed successfully`
    }`,
  rollbackFailure: (release: string, chart: string, err: string) =>
    `Helm rollback to previous release ${release} with chart ${chart} failed: ${err}`,
  rollbackSuccess: (release: string, chart: string) =>
    `Helm rollback to previous release ${release} with chart ${chart} succeeded`,
  uninstallRemediationFailure: (release: string, chart: string, err: string) =>
    `Helm uninstall remediation for release ${release} with chart ${chart} failed: ${err}`,
  uninstallRemediationSuccess: (release: string, chart: string) =>
    `Helm uninstall remediation for release ${release} with chart ${chart} succeeded`,
  uninstallFailure: (release: string, chart: string, err: string) =>
    `Helm uninstall failed for release ${release} with chart ${chart}: ${err}`,
  uninstallSuccess: (release: string, chart: string) =>
    `Helm uninstall succeeded for release ${release} with chart ${chart}`,
  uninstallNotFound: (release: string) => `Release ${release} was not found, assuming it is uninstalled`,
  uninstallAlready: (release: string) => `Release ${release} was already uninstalled`,
  unlockFailure: (release: string, chart: string, state: string, err: string) =>
    `Unlock of Helm release ${release} with chart ${chart} in ${state} state failed: ${err}`,
  unlockSuccess: (release: string, chart: string, state: string) =>
    `Unlocked Helm release ${release} with chart ${chart} in ${state} state`,
  unlockedDescription: (state: string) => `Release unlocked from stale '${state}' state`,
  retriesExceeded: (action: string, attempts: number) => `Failed to ${action} after ${attempts} attempt(s)`,
  missingRollbackTarget:
    'Failed to perform remediation: missing target release for rollback: cannot remediate failed release',
  stateError: (err: string) => `Could not determine release state: ${err}`,
  runningAction: (action: string, timeoutMs: number) =>
    `Running '${action}' action with timeout of ${formatDuration(timeoutMs)}`,
  retryingAfter: (ms: number) => `retrying after ${formatDuration(ms)}`,
  prerequisites: 'Fulfilling prerequisites',
  inProgress: 'reconciliation in progress',
  drifted: (release: string, summary: string) =>
    `Cluster state of release ${release} has drifted from the desired state:\n${summary}`,
  noDrift: 'No drift detected against the cluster state',
  withLogs: (message: string, logs: string) => (logs ? `${message}\n\nLast Helm logs:\n\n${logs}` : message),
  sourceNotFound: (err: string) => `could not get Source object: ${err}`,
  artifactNotFound: (retry: string) => `Source not ready: artifact not found. Retrying in ${retry}`,
  couldNotLoadChart: (err: string) => `Could not load chart: ${err}`,
  invalidChartRef: 'invalid Chart reference',
  terminal: 'Reconciliation failed terminally due to configuration error',
  helmChartApplied: (
    action: 'Created' | 'Configured',
    subject: string,
    kind: string,
    ns: string,
    name: string,
  ) => `${action} ${subject} with SourceRef '${kind}/${ns}/${name}'`,
  helmChartDeleted: (ref: string) => `deleted HelmChart '${ref}'`,
  dependencyNotReady: (id: string) => `dependency '${id}' is not ready`,
  dependencyNotFound: (id: string, name: string) =>
    `unable to get '${id}' dependency: helmreleases.helm.toolkit.fluxcd.io "${name}" not found`,
};
