import type { EventDto, FluxObjectSummary, StreamMessage, SystemStatusDto } from '@tideline/server';

/** Which objects a cached `objects.list` query holds (its input; absent fields mean all). */
export interface ListFilter {
  kind?: string;
  namespace?: string;
}

/** One cached `objects.list` result. `key` is the query key, opaque to this module. */
export interface CachedList {
  key: readonly unknown[];
  filter: ListFilter;
  rows: readonly FluxObjectSummary[];
}

/** The slice of the query cache the live stream patches, plus what must refetch. */
export interface LiveCache {
  lists: readonly CachedList[];
  /** Recent events, newest first. */
  events: readonly EventDto[];
  /** Ids (`Kind/namespace/name`) of objects whose `objects.get` query must refetch. */
  staleDetails: readonly string[];
  /** True when the delivery graph must refetch. */
  graphStale: boolean;
  /** Who reconciles the cluster, as the server last said. */
  system?: SystemStatusDto;
}

/** How many live events the events cache keeps. */
export const MAX_LIVE_EVENTS = 200;

/** An empty cache: no lists, no events, nothing stale. */
export const EMPTY_LIVE_CACHE: LiveCache = { lists: [], events: [], staleDetails: [], graphStale: false };

/**
 * The one place a stream message changes cached data. `object` upserts the summary into every
 * list whose filter it matches; `deleted` removes it; `event` prepends to the events list. Each
 * marks the affected detail (and, for object changes, the graph) stale. Messages that change
 * nothing — e.g. the snapshot replayed on reconnect — return `cache` itself. Pure.
 */
export function applyStreamMessage(cache: LiveCache, message: StreamMessage): LiveCache {
  switch (message.type) {
    case 'object':
      return upsertObject(cache, message.object);
    case 'deleted':
      return deleteObject(cache, message.id);
    case 'event':
      return prependEvent(cache, message.event);
    case 'system':
      return sameSystem(cache.system, message.status) ? cache : { ...cache, system: message.status };
  }
}

function upsertObject(cache: LiveCache, object: FluxObjectSummary): LiveCache {
  let previous: FluxObjectSummary | undefined;
  const lists = mapPreservingIdentity(cache.lists, (list) => {
    const index = list.rows.findIndex((row) => row.id === object.id);
    const current = list.rows[index];
    previous ??= current;
    if (!matchesFilter(list.filter, object))
      return current ? { ...list, rows: list.rows.filter((row) => row !== current) } : list;
    if (current && sameSummary(current, object)) return list;
    return {
      ...list,
      rows: current ? list.rows.map((row) => (row === current ? object : row)) : [...list.rows, object],
    };
  });
  if (previous && sameSummary(previous, object) && lists === cache.lists) return cache;
  return {
    ...cache,
    lists,
    staleDetails: withId(cache.staleDetails, object.id),
    graphStale: cache.graphStale || !previous || graphFieldsDiffer(previous, object),
  };
}

function deleteObject(cache: LiveCache, id: string): LiveCache {
  const lists = mapPreservingIdentity(cache.lists, (list) => {
    const rows = list.rows.filter((row) => row.id !== id);
    return rows.length === list.rows.length ? list : { ...list, rows };
  });
  return { ...cache, lists, staleDetails: withId(cache.staleDetails, id), graphStale: true };
}

function prependEvent(cache: LiveCache, event: EventDto): LiveCache {
  const events = [event, ...cache.events.filter((e) => e.uid !== event.uid)].slice(0, MAX_LIVE_EVENTS);
  return { ...cache, events, staleDetails: withId(cache.staleDetails, event.objectId) };
}

/** True when a list with `filter` should hold `object`. Pure. */
export function matchesFilter(
  filter: ListFilter,
  object: Pick<FluxObjectSummary, 'kind' | 'namespace'>,
): boolean {
  return (
    (!filter.kind || filter.kind === object.kind) &&
    (!filter.namespace || filter.namespace === object.namespace)
  );
}

/** Summaries are flat records of primitives, so a shallow comparison is exact. */
function sameSummary(a: FluxObjectSummary, b: FluxObjectSummary): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof FluxObjectSummary>;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/** The graph shows state, and its edges follow the spec (generation) and inventory (revision). */
function graphFieldsDiffer(a: FluxObjectSummary, b: FluxObjectSummary): boolean {
  return (
    a.state !== b.state ||
    a.generation !== b.generation ||
    a.revision !== b.revision ||
    a.suspended !== b.suspended
  );
}

function withId(ids: readonly string[], id: string): readonly string[] {
  return ids.includes(id) ? ids : [...ids, id];
}

/** Maps items, returning the original array when every item came back unchanged. */
function mapPreservingIdentity<T>(items: readonly T[], map: (item: T) => T): readonly T[] {
  let changed = false;
  const mapped = items.map((item) => {
    const next = map(item);
    if (next !== item) changed = true;
    return next;
  });
  return changed ? mapped : items;
}

function sameSystem(a: SystemStatusDto | undefined, b: SystemStatusDto): boolean {
  return a?.mode === b.mode && a.phase === b.phase && a.message === b.message;
}
