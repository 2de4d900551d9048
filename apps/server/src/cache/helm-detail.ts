import { stringify } from 'yaml';
import type { HelmReleaseDetailDto, HelmRevisionDto } from '../api/dto.js';
import type { FluxResource } from './to-dto.js';

/** The `status.history` snapshot fields read here (helm-controller api/v2 Snapshot). */
interface SnapshotView {
  version?: number;
  status?: string;
  action?: string;
  chartName?: string;
  chartVersion?: string;
  appVersion?: string;
  firstDeployed?: string;
  lastDeployed?: string;
  digest?: string;
  configDigest?: string;
  testHooks?: Record<string, { phase?: string; lastStarted?: string; lastCompleted?: string } | null>;
}

interface HelmStatusView {
  history?: SnapshotView[];
  failures?: number;
  installFailures?: number;
  upgradeFailures?: number;
  lastAttemptedReleaseAction?: string;
  lastHandledForceAt?: string;
  lastHandledResetAt?: string;
}

interface HelmSpecView {
  values?: unknown;
  valuesFrom?: {
    kind?: string;
    name?: string;
    valuesKey?: string;
    targetPath?: string;
    optional?: boolean;
  }[];
}

/** One history snapshot as a row. Pure. */
function revision(snap: SnapshotView): HelmRevisionDto {
  return {
    version: snap.version ?? 0,
    status: snap.status ?? '',
    chart: `${snap.chartName ?? ''}@${snap.chartVersion ?? ''}`,
    appVersion: snap.appVersion,
    action: snap.action,
    firstDeployed: snap.firstDeployed,
    lastDeployed: snap.lastDeployed,
    digest: snap.digest,
    configDigest: snap.configDigest,
    tests: Object.entries(snap.testHooks ?? {}).map(([name, hook]) => ({
      name,
      phase: hook?.phase ?? 'Unknown',
      ...(hook?.lastStarted ? { lastStarted: hook.lastStarted } : {}),
      ...(hook?.lastCompleted ? { lastCompleted: hook.lastCompleted } : {}),
    })),
  };
}

/**
 * A HelmRelease's history, counters and values sources for its page; undefined for other
 * kinds. `valuesFrom` references are named, never read: a Secret's values never leave the
 * cluster through the dashboard. Pure.
 */
export function helmDetail(obj: FluxResource): HelmReleaseDetailDto | undefined {
  if (obj.kind !== 'HelmRelease') return undefined;
  const status = (obj.status ?? {}) as HelmStatusView;
  const spec = (obj.spec ?? {}) as HelmSpecView;
  const namespace = obj.metadata.namespace ?? '';
  return {
    history: (status.history ?? []).slice(0, 20).map(revision),
    failures: status.failures ?? 0,
    installFailures: status.installFailures ?? 0,
    upgradeFailures: status.upgradeFailures ?? 0,
    lastAttemptedReleaseAction: status.lastAttemptedReleaseAction,
    lastHandledForceAt: status.lastHandledForceAt,
    lastHandledResetAt: status.lastHandledResetAt,
    valuesYaml: spec.values === undefined ? '' : stringify(spec.values),
    valuesFrom: (spec.valuesFrom ?? []).map((ref) => valuesSourceName(namespace, ref)),
  };
}

/** `Kind ns/name[key] → targetPath (optional)`: how the page names one `valuesFrom` entry. Pure. */
export function valuesSourceName(
  namespace: string,
  ref: NonNullable<HelmSpecView['valuesFrom']>[number],
): string {
  return (
    `${ref.kind ?? '?'} ${namespace}/${ref.name ?? '?'}[${ref.valuesKey || 'values.yaml'}]` +
    `${ref.targetPath ? ` → ${ref.targetPath}` : ''}${ref.optional ? ' (optional)' : ''}`
  );
}
