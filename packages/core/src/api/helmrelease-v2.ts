import { READY_COLUMNS } from './crd.js';
import { revisionColumn, statusString, SUSPENDED_COLUMN } from './kind-columns.js';
import { defineKind, type DisplayFact, type FluxObjectView, type KindEdge } from './kind-definition.js';
import { dependsOnEdges, inventoryEdges, refFrom, refOf } from './kind-edges.js';
import type { Condition, ObjectMeta } from './meta.js';
import { olderVersion } from './served-versions.js';
import { HelmReleaseSpecSchema, type HelmReleaseSpec } from './helmrelease-spec.js';

export * from './helmrelease-spec.js';

/** API group and version of Flux HelmReleases. */
export const HELM_GROUP = 'helm.toolkit.fluxcd.io';
export const HELM_VERSION = 'v2';
export const HELM_API_VERSION = `${HELM_GROUP}/${HELM_VERSION}`;

/** Owner labels on the HelmChart a HelmRelease generates. */
export const HELM_NAME_LABEL = `${HELM_GROUP}/name`;
export const HELM_NAMESPACE_LABEL = `${HELM_GROUP}/namespace`;

/** A test hook's last run, as recorded in a snapshot. */
export interface TestHookStatus {
  lastStarted?: string;
  lastCompleted?: string;
  phase?: string;
}

/** One `status.history` entry: a Helm release as the controller observed it. */
export interface Snapshot {
  apiVersion?: string;
  digest: string;
  name: string;
  namespace: string;
  version: number;
  status: string;
  action?: string;
  chartName: string;
  chartVersion: string;
  appVersion?: string;
  configDigest: string;
  firstDeployed: string;
  lastDeployed: string;
  deleted?: string;
  testHooks?: Record<string, TestHookStatus | null>;
  ociDigest?: string;
}

/** HelmRelease status (helm-controller api/v2). */
export interface HelmReleaseStatus {
  observedGeneration?: number;
  observedPostRenderersDigest?: string;
  observedCommonMetadataDigest?: string;
  lastAttemptedGeneration?: number;
  conditions?: Condition[];
  /** `<namespace>/<name>` of the generated HelmChart. */
  helmChart?: string;
  storageNamespace?: string;
  /** Newest first. */
  history?: Snapshot[];
  inventory?: { entries: { id: string; v: string }[] };
  lastAttemptedReleaseAction?: 'install' | 'upgrade';
  lastAttemptedReleaseActionDuration?: string;
  failures?: number;
  installFailures?: number;
  upgradeFailures?: number;
  lastAttemptedRevision?: string;
  lastAttemptedRevisionDigest?: string;
  lastAttemptedValuesChecksum?: string;
  lastReleaseRevision?: number;
  lastAttemptedConfigDigest?: string;
  lastHandledReconcileAt?: string;
  lastHandledForceAt?: string;
  lastHandledResetAt?: string;
}

/** helm.toolkit.fluxcd.io/v2 HelmRelease. */
export interface HelmRelease {
  apiVersion: typeof HELM_API_VERSION;
  kind: 'HelmRelease';
  metadata: ObjectMeta;
  spec: HelmReleaseSpec;
  status?: HelmReleaseStatus;
}

/** Condition types helm-controller owns besides Ready/Reconciling/Stalled. */
export const HelmConditionType = {
  Released: 'Released',
  TestSuccess: 'TestSuccess',
  Remediated: 'Remediated',
  Drifted: 'Drifted',
} as const;

/** Reasons helm-controller writes, spelled as it spells them. */
export const HelmReason = {
  InstallSucceeded: 'InstallSucceeded',
  InstallFailed: 'InstallFailed',
  UpgradeSucceeded: 'UpgradeSucceeded',
  UpgradeFailed: 'UpgradeFailed',
  TestSucceeded: 'TestSucceeded',
  TestFailed: 'TestFailed',
  RollbackSucceeded: 'RollbackSucceeded',
  RollbackFailed: 'RollbackFailed',
  UninstallSucceeded: 'UninstallSucceeded',
  UninstallFailed: 'UninstallFailed',
  ArtifactFailed: 'ArtifactFailed',
  DependencyNotReady: 'DependencyNotReady',
  DriftDetected: 'DriftDetected',
  NoDriftDetected: 'NoDriftDetected',
  InventoryBuildFailed: 'InventoryBuildFailed',
  NamespaceCheckSkipped: 'NamespaceCheckSkipped',
  DriftCorrected: 'DriftCorrected',
  DriftCorrectionFailed: 'DriftCorrectionFailed',
  SourceNotReady: 'SourceNotReady',
  ValuesError: 'ValuesError',
  ChartMutateError: 'ChartMutateError',
  RESTClientError: 'RESTClientError',
  StateError: 'StateError',
  ReconcileError: 'ReconcileError',
  RetriesExceeded: 'RetriesExceeded',
  MissingRollbackTarget: 'MissingRollbackTarget',
  PendingRelease: 'PendingRelease',
  AwaitingTests: 'AwaitingTests',
  InvalidCELExpression: 'InvalidCELExpression',
  HealthCheckCanceled: 'HealthCheckCanceled',
} as const;

/** REVISION of `flux get helmreleases`: the latest snapshot's chart version, else the last attempted. Pure. */
export function helmReleaseRevision(obj: FluxObjectView): string {
  const history = obj.status?.history;
  const latest = Array.isArray(history) ? (history[0] as { chartVersion?: unknown } | undefined) : undefined;
  if (typeof latest?.chartVersion === 'string' && latest.chartVersion) return latest.chartVersion;
  return statusString(obj, 'lastAttemptedRevision');
}

/**
 * The HelmChart a HelmRelease reads: the generated one (`status.helmChart`, else
 * `<hr namespace>-<hr name>` in the source's namespace) or `chartRef`. Pure.
 */
function chartEdges(obj: FluxObjectView): KindEdge[] {
  const spec = obj.spec as { chart?: { spec?: { sourceRef?: { namespace?: string } } }; chartRef?: unknown };
  if (spec?.chartRef) {
    const from = refFrom(obj, spec.chartRef);
    return from ? [{ from, to: refOf(obj), type: 'source' }] : [];
  }
  if (!spec?.chart) return [];
  const recorded = statusString(obj, 'helmChart');
  const slash = recorded.indexOf('/');
  const namespace =
    slash > 0
      ? recorded.slice(0, slash)
      : (spec.chart.spec?.sourceRef?.namespace ?? obj.metadata.namespace ?? 'default');
  const name =
    slash > 0 ? recorded.slice(slash + 1) : `${obj.metadata.namespace ?? 'default'}-${obj.metadata.name}`;
  return [{ from: { kind: 'HelmChart', namespace, name }, to: refOf(obj), type: 'source' }];
}

function helmReleaseFacts(obj: FluxObjectView): DisplayFact[] {
  const spec = (obj.spec ?? {}) as HelmReleaseSpec;
  const latest = (
    obj.status?.history as
      { chartName?: string; chartVersion?: string; name?: string; namespace?: string }[] | undefined
  )?.[0];
  const facts: DisplayFact[] = [];
  const chartName = latest?.chartName ?? spec.chart?.spec.chart ?? spec.chartRef?.name ?? '';
  facts.push({ label: 'Chart', value: chartName, mono: true });
  const version = latest?.chartVersion ?? statusString(obj, 'lastAttemptedRevision');
  if (version) facts.push({ label: 'Chart version', value: version, mono: true });
  const releaseName =
    latest?.name ??
    spec.releaseName ??
    (spec.targetNamespace ? `${spec.targetNamespace}-${obj.metadata.name}` : obj.metadata.name);
  const releaseNamespace = latest?.namespace ?? spec.targetNamespace ?? obj.metadata.namespace ?? '';
  facts.push({ label: 'Release', value: `${releaseNamespace}/${releaseName}`, mono: true });
  const digest = statusString(obj, 'lastAttemptedConfigDigest');
  if (digest) facts.push({ label: 'Values digest', value: digest, mono: true });
  const action = statusString(obj, 'lastAttemptedReleaseAction');
  if (action) facts.push({ label: 'Last action', value: action });
  const history = Array.isArray(obj.status?.history) ? (obj.status.history as Partial<Snapshot>[]) : [];
  for (const snap of history.slice(0, 5)) {
    facts.push({
      label: `Revision ${snap.version ?? '?'}`,
      value: `${snap.status ?? ''} · ${snap.chartName ?? ''}@${snap.chartVersion ?? ''}${snap.action ? ` · ${snap.action}` : ''}`,
      mono: true,
    });
  }
  for (const edge of chartEdges(obj)) {
    facts.push({
      label: 'Chart source',
      value: edge.from.name,
      objectId: `${edge.from.kind}/${edge.from.namespace}/${edge.from.name}`,
    });
  }
  return facts;
}

/** The HelmRelease kind (short name `hr`, category `fluxcd-appliers`, Flux's printer columns). */
export const HelmReleaseKind = defineKind({
  group: HELM_GROUP,
  kind: 'HelmRelease',
  plural: 'helmreleases',
  singular: 'helmrelease',
  shortNames: ['hr'],
  categories: ['all', 'fluxcd', 'fluxcd-appliers'],
  versions: [
    { name: HELM_VERSION },
    olderVersion('v2beta2', 'HelmRelease', HelmReleaseSpecSchema, HELM_VERSION),
  ],
  spec: HelmReleaseSpecSchema,
  columns: READY_COLUMNS,
  controller: 'helm-controller',
  traits: { artifact: false, suspend: true, inventory: true, dependsOn: true, reconcilable: true },
  revision: helmReleaseRevision,
  edges: (obj) => [...chartEdges(obj), ...dependsOnEdges(obj), ...inventoryEdges(obj)],
  cli: {
    noun: 'helmrelease',
    listNoun: 'helmreleases',
    aliases: ['hr'],
    columns: [revisionColumn(helmReleaseRevision), SUSPENDED_COLUMN],
    successLine: (obj) => `applied revision ${helmReleaseRevision(obj)}`,
  },
  display: {
    revisionLabel: 'Chart version',
    sections: ['conditions', 'events', 'inventory', 'spec'],
    facts: helmReleaseFacts,
  },
});
