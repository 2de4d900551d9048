import {
  kindDefinition,
  nodeState,
  parseInventoryEntry,
  redactUrlCredentials,
  type KubeObject,
} from '@tideline/core';
import { stringify } from 'yaml';
import { alertsCovering } from './alert-coverage.js';
import { helmDrift } from './drift.js';
import { helmDetail } from './helm-detail.js';
import { sourceArtifact } from './source-facts.js';
import { SUSPENDED_BY_ANNOTATION, SUSPENDED_COMMENT_ANNOTATION } from '../api/suspend-annotations.js';
import type {
  ConditionDto,
  DriftDto,
  EventDto,
  FluxKind,
  FluxObjectDetail,
  FluxObjectSummary,
  InventoryItemDto,
  TransitionDto,
} from '../api/dto.js';

/** A Flux object as the cache holds it. */
export interface FluxResource extends KubeObject {
  spec?: {
    suspend?: boolean;
    sourceRef?: { kind: string; name: string; namespace?: string };
    dependsOn?: { name: string; namespace?: string }[];
    [key: string]: unknown;
  };
  status?: {
    conditions?: ConditionDto[];
    artifact?: { revision?: string };
    lastAppliedRevision?: string;
    lastHandledReconcileAt?: string;
    observedGeneration?: number;
    inventory?: { entries: { id: string; v: string }[] };
  };
}

/** A core/v1 Event as the cache holds it. */
export interface CoreEventResource extends KubeObject {
  involvedObject: { kind: string; name: string; namespace?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string };
  reportingComponent?: string;
}

/** `<Kind>/<namespace>/<name>`. Pure. */
export function objectId(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** The summary row of a Flux object. Pure. */
export function toSummary(obj: FluxResource): FluxObjectSummary {
  const namespace = obj.metadata.namespace ?? '';
  const ready = obj.status?.conditions?.find((c) => c.type === 'Ready');
  // Alert and Provider carry no status in Flux: `flux get` prints them Ready, so does the dashboard.
  const fixed = ready ? undefined : kindDefinition(obj.kind)?.cli.staticReady;
  return {
    id: objectId(obj.kind, namespace, obj.metadata.name),
    kind: obj.kind as FluxKind,
    namespace,
    name: obj.metadata.name,
    ready: ready?.status ?? (fixed ? 'True' : 'Unknown'),
    readyReason: ready?.reason ?? '',
    readyMessage: ready?.message ?? fixed?.message ?? 'waiting to be reconciled',
    state: nodeState(obj as Parameters<typeof nodeState>[0]),
    revision: kindDefinition(obj.kind)?.revision(obj) ?? '',
    suspended: obj.spec?.suspend === true,
    ...suspension(obj.metadata.annotations),
    lastTransition: ready?.lastTransitionTime,
    lastHandledReconcileAt: obj.status?.lastHandledReconcileAt,
    generation: obj.metadata.generation ?? 0,
    observedGeneration: obj.status?.observedGeneration ?? -1,
    resourceVersion: obj.metadata.resourceVersion ?? '',
    ...withDrift(helmDrift(obj)),
  };
}

/** The drift mark, only when there is one (most objects carry none: keep summaries small). */
export function withDrift(drift: DriftDto | undefined): Pick<FluxObjectSummary, 'drift'> {
  return drift ? { drift } : {};
}

/** The suspend annotations, only when set (most objects carry none: keep summaries small). */
function suspension(
  annotations: Record<string, string> | undefined,
): Pick<FluxObjectSummary, 'suspendedBy' | 'suspendedComment'> {
  const by = annotations?.[SUSPENDED_BY_ANNOTATION];
  const comment = annotations?.[SUSPENDED_COMMENT_ANNOTATION];
  return { ...(by ? { suspendedBy: by } : {}), ...(comment ? { suspendedComment: comment } : {}) };
}

/** An Event row; `flux events` prints OBJECT as `<Kind>/<name>`. Pure. */
export function toEventDto(event: CoreEventResource): EventDto {
  const namespace = event.involvedObject.namespace ?? event.metadata.namespace ?? '';
  return {
    uid: event.metadata.uid ?? `${namespace}/${event.metadata.name}`,
    namespace,
    type: event.type === 'Warning' ? 'Warning' : 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    object: `${event.involvedObject.kind}/${event.involvedObject.name}`,
    objectId: objectId(event.involvedObject.kind, namespace, event.involvedObject.name),
    count: event.count ?? 1,
    firstTimestamp: event.firstTimestamp ?? event.eventTime,
    lastTimestamp: event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp,
    source: event.reportingComponent || event.source?.component || '',
  };
}

/** The detail view of a Flux object with its events (newest first). Pure. */
export function toDetail(
  obj: FluxResource,
  events: readonly EventDto[],
  seen: readonly TransitionDto[] = [],
  alerts: readonly FluxResource[] = [],
): FluxObjectDetail {
  const namespace = obj.metadata.namespace ?? '';
  const inventory: InventoryItemDto[] = (obj.status?.inventory?.entries ?? []).flatMap((entry) => {
    try {
      const id = parseInventoryEntry(entry);
      return [
        {
          id: entry.id,
          version: entry.v,
          kind: id.kind,
          group: id.group,
          namespace: id.namespace,
          name: id.name,
        },
      ];
    } catch {
      return [];
    }
  });
  const ref = obj.spec?.sourceRef;
  return {
    ...toSummary(obj),
    conditions: obj.status?.conditions ?? [],
    inventory,
    events: [...events],
    // Users put tokens into URLs (`https://user:token@…`): the spec panel never shows them.
    specYaml: redactUrlCredentials(stringify(obj.spec ?? {})),
    sourceRef: ref ? objectId(ref.kind, ref.namespace ?? namespace, ref.name) : undefined,
    dependsOn: (obj.spec?.dependsOn ?? []).map((d) => objectId(obj.kind, d.namespace ?? namespace, d.name)),
    facts: kindDefinition(obj.kind)?.display.facts?.(obj) ?? [],
    alerts: alertsCovering(obj, alerts),
    helm: helmDetail(obj),
    artifact: sourceArtifact(obj, events),
    transitions: [...seen, ...statusHistory(obj)].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)),
  };
}

/** A status.history entry as Kustomization and HelmRelease write it (only the fields read here). */
interface HistoryEntry {
  lastReconciled?: string;
  firstReconciled?: string;
  lastReconciledStatus?: string;
  totalReconciliations?: number;
  digest?: string;
  metadata?: Record<string, string>;
  chartVersion?: string;
  status?: string;
  lastDeployed?: string;
  version?: number;
}

/** `status.history` (Kustomization: per revision/digest; HelmRelease: Helm release snapshots) as timeline entries. Pure. */
export function statusHistory(obj: FluxResource): TransitionDto[] {
  const history = (obj.status as { history?: unknown } | undefined)?.history;
  if (!Array.isArray(history)) return [];
  return (history as HistoryEntry[]).slice(0, 20).flatMap((h): TransitionDto[] => {
    const at = h.lastReconciled ?? h.lastDeployed ?? h.firstReconciled;
    if (!at) return [];
    const what = h.metadata?.revision ?? (h.chartVersion ? `chart ${h.chartVersion}` : (h.digest ?? ''));
    const how = h.lastReconciledStatus ?? h.status ?? '';
    const times = h.totalReconciliations ? `, ${h.totalReconciliations} reconciliations` : '';
    return [
      {
        at,
        type: 'history',
        title: `${how || 'Reconciled'} ${what}`.trim(),
        detail: `${h.version ? `release v${h.version}` : ''}${times}`.replace(/^, /, ''),
      },
    ];
  });
}
