import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import { activeRemediation } from './remediation.js';
import { hasBeenTested, hasTestInPhase, latest } from './history.js';
import { configDigest } from './config-digest.js';
import { releaseDigest } from './release-observation.js';
import { commonMetadataDigest, postRenderersDigest, testsEnabled, type Hr } from './release-spec.js';

/** helm-controller's `ReleaseStatus` (internal/reconcile/state.go). */
export type ReleaseStatus =
  'Absent' | 'Unmanaged' | 'OutOfSync' | 'Drifted' | 'Locked' | 'Untested' | 'InSync' | 'Failed';

/** The state of a release, and why. */
export interface ReleaseState {
  status: ReleaseStatus;
  reason?: string;
}

/** The state could not be determined (Flux: Ready=False `StateError`). */
export class ReleaseStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseStateError';
  }
}

const PENDING = new Set(['pending-install', 'pending-upgrade', 'pending-rollback']);

/** The chart and values the HelmRelease asks for now. */
export interface DesiredRelease {
  chartName: string;
  chartVersion: string;
  values: Record<string, unknown>;
}

/**
 * `DetermineReleaseState` without drift detection: compares the latest release in Helm's
 * storage with the HelmRelease's history and desired chart/values. A deployed, in-sync release
 * reads InSync; the caller then checks the cluster for drift when drift detection is on. Pure.
 */
export function determineReleaseState(
  hr: Hr,
  stored: StoredReleaseJson | undefined,
  desired: DesiredRelease,
): ReleaseState {
  if (!stored) return { status: 'Absent', reason: 'no release in storage for object' };
  const status = stored.info?.status ?? '';
  if (PENDING.has(status)) return { status: 'Locked', reason: `release with status '${status}'` };
  const cur = latest(hr.status?.history);
  if (!cur) {
    if (status === 'uninstalled') return { status: 'Absent', reason: 'found uninstalled release in storage' };
    return { status: 'Unmanaged', reason: 'found existing release in storage' };
  }
  if (cur.apiVersion === 'v2') {
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(cur.digest)) {
      return { status: 'Unmanaged', reason: 'release digest verification error' };
    }
    if (releaseDigest(stored, cur.ociDigest) !== cur.digest) {
      return { status: 'Unmanaged', reason: 'release not observed to be made for object' };
    }
  }
  switch (status) {
    case 'failed':
      return { status: 'Failed' };
    case 'uninstalled':
      return { status: 'Absent', reason: 'found uninstalled release in storage' };
    case 'deployed':
      return deployedState(hr, stored, desired);
    default:
      throw new ReleaseStateError(`unable to determine state for release with status '${status}'`);
  }
}

function deployedState(hr: Hr, stored: StoredReleaseJson, desired: DesiredRelease): ReleaseState {
  const cur = latest(hr.status?.history);
  const meta = stored.chart?.metadata ?? {};
  if (meta.name !== desired.chartName || meta.version !== desired.chartVersion) {
    return { status: 'OutOfSync', reason: 'release chart changed' };
  }
  if (!cur || cur.configDigest !== configDigest(desired.values)) {
    return { status: 'OutOfSync', reason: 'release config values changed' };
  }
  if (hr.status?.observedGeneration !== hr.metadata.generation) {
    if (postRenderersDigest(hr) !== (hr.status?.observedPostRenderersDigest ?? '')) {
      return { status: 'OutOfSync', reason: 'postrenderers digest has changed' };
    }
    if (commonMetadataDigest(hr) !== (hr.status?.observedCommonMetadataDigest ?? '')) {
      return { status: 'OutOfSync', reason: 'common metadata digest has changed' };
    }
  }
  if (testsEnabled(hr)) {
    if (!hasBeenTested(cur)) return { status: 'Untested' };
    const remediation = activeRemediation(hr);
    if (remediation && !remediation.ignoreTestFailures && hasTestInPhase(cur, 'Failed')) {
      return { status: 'Failed', reason: 'release has test in failed phase' };
    }
  }
  return { status: 'InSync' };
}
