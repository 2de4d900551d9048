import type { KubeObject } from '@tideline/core';
import { UsageError } from './cli-error.js';
import { kindByName } from './flux-kinds.js';
import { humanDuration } from './human-duration.js';

/** A core/v1 Event, the fields `flux events` reads. */
export type KubeEvent = KubeObject & {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
};

/** A list scope of events: `involvedObject.kind[,name]` in a namespace (undefined: all). */
export interface EventScope {
  namespace: string | undefined;
  kind: string;
  name?: string;
}

/** The field selector of a scope, as flux's `getListOpt`. Pure. */
export function scopeFieldSelector(scope: EventScope): string {
  return `involvedObject.kind=${scope.kind}${scope.name ? `,involvedObject.name=${scope.name}` : ''}`;
}

/** The time events sort by: the series' last observation, else lastTimestamp, else eventTime. Pure. */
export function eventTime(e: KubeEvent): number {
  const text = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  return text ? Date.parse(text) : 0;
}

/** LAST SEEN, as flux's `getLastSeen`: `<last> (x<count> over <first>)` for repeats. Pure. */
export function lastSeen(e: KubeEvent, now: number): string {
  const since = (t: string | null | undefined): string =>
    t ? humanDuration(now - Date.parse(t)) : '<unknown>';
  const first = e.eventTime ? since(e.eventTime) : since(e.firstTimestamp);
  if (e.series) return `${since(e.series.lastObservedTime)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp)} (x${e.count} over ${first})`;
  return first;
}

/** Normal and Warning, case-insensitively, as flux's `validateEventTypes`. Pure. */
export function validateEventTypes(types: readonly string[]): void {
  for (const t of types) {
    if (!['normal', 'warning'].includes(t.toLowerCase()))
      throw new UsageError(`type '${t}' not supported. Supported types are Normal, Warning`);
  }
}

/** Whether flux shows an event: a Flux kind, and one of `--types` when given. Pure. */
export function showEvent(e: KubeEvent, types: readonly string[]): boolean {
  if (!kindByName(e.involvedObject?.kind ?? '')) return false;
  return types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase());
}

/** The headers of `flux events` (NAMESPACE first when shown). Pure. */
export function eventHeaders(showNamespace: boolean): string[] {
  return [...(showNamespace ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
}

/** One event's row. Pure. */
export function eventRow(e: KubeEvent, showNamespace: boolean, now: number): string[] {
  const row = [
    lastSeen(e, now),
    e.type ?? '',
    e.reason ?? '',
    `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
    e.message ?? '',
  ];
  return showNamespace ? [e.metadata.namespace ?? '', ...row] : row;
}

/** The rows of the events flux shows, oldest first (a stable sort, as Go's sort on equal times keeps no order). Pure. */
export function eventRows(
  events: readonly KubeEvent[],
  options: { types: readonly string[]; showNamespace: boolean; now: number },
): string[][] {
  return [...events]
    .sort((a, b) => eventTime(a) - eventTime(b))
    .filter((e) => showEvent(e, options.types))
    .map((e) => eventRow(e, options.showNamespace, options.now));
}

type Ref = { kind?: string; name?: string; namespace?: string };

/**
 * The objects whose events `flux events --for Kind/name` adds, as flux's `fluxKindMap`: a
 * Kustomization's or HelmChart's `sourceRef`, a HelmRelease's chart source and its generated
 * HelmChart `<ns>-<name>`, an Alert's Provider, an ImagePolicy's ImageRepository. Pure.
 */
export function referencedScopes(obj: KubeObject & { spec?: unknown }, namespace: string): EventScope[] {
  const spec = (obj.spec ?? {}) as {
    sourceRef?: Ref;
    chart?: { spec?: { sourceRef?: Ref } };
    providerRef?: Ref;
    imageRepositoryRef?: Ref;
  };
  const scope = (ref: Ref | undefined, kind: string | undefined, crossNamespace: boolean): EventScope[] =>
    ref?.name && kind
      ? [{ kind, name: ref.name, namespace: (crossNamespace && ref.namespace) || namespace }]
      : [];
  switch (obj.kind) {
    case 'Kustomization':
    case 'HelmChart':
      return scope(spec.sourceRef, spec.sourceRef?.kind, true);
    case 'HelmRelease': {
      const source = scope(spec.chart?.spec?.sourceRef, spec.chart?.spec?.sourceRef?.kind, true);
      const chart = source.map((s) => ({
        ...s,
        kind: 'HelmChart',
        name: `${namespace}-${obj.metadata.name}`,
      }));
      return [...source, ...chart];
    }
    case 'Alert':
      return scope(spec.providerRef, 'Provider', false);
    case 'ImagePolicy':
      return scope(spec.imageRepositoryRef, 'ImageRepository', true);
    default:
      return [];
  }
}
