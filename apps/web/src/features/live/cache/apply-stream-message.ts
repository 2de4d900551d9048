import type {
  EventDto,
  EventFilterDto,
  FluxObjectSummary,
  StreamMessage,
  SystemStatusDto,
} from '@tideline/server';
import { matchesEventFilter } from '../../events/selectors/event-filter';

/** One cached `events.list` page: its query key (opaque here), filter, limit and items. */
export interface CachedEventPage {
  key: readonly unknown[];
  filter: EventFilterDto;
  limit: number;
  items: readonly EventDto[];
}

/** The slice of the query cache the live stream patches, plus what must refetch. */
export interface LiveCache {
  /** Every object's summary (the one object store), once loaded. */
  objects: readonly FluxObjectSummary[] | undefined;
  /** Recent events, newest first. */
  events: readonly EventDto[];
  /** Cached pages of the events page, each with its own filter. */
  eventPages: readonly CachedEventPage[];
  /** Ids (`Kind/namespace/name`) of objects whose `objects.get` query must refetch. */
  staleDetails: readonly string[];
  /** True when the delivery graph must refetch. */
  graphStale: boolean;
  /** Who reconciles the cluster, as the server last said. */
  system?: SystemStatusDto;
}

/** How many live events the events cache keeps. */
export const MAX_LIVE_EVENTS = 200;

/** An empty cache: no objects, no events, nothing stale. */
export const EMPTY_LIVE_CACHE: LiveCache = {
  objects: undefined,
  events: [],
  eventPages: [],
  staleDetails: [],
  graphStale: false,
};

/**
 * The one place stream messages change cached data, a batch at a time. `object` upserts the
 * summary into the object store; `deleted` removes it; `event` prepends to the live events and
 * to every cached events page whose filter it passes. Each marks the affected detail (and, for
 * object changes the graph shows, the graph) stale. A batch that changes nothing (a snapshot
 * replayed on reconnect) returns `cache` itself. The store is indexed once per batch, so a
 * batch of m messages over n objects costs O(n + m), not O(n·m). Pure.
 */
export function applyStreamMessages(cache: LiveCache, messages: readonly StreamMessage[]): LiveCache {
  const objects = new ObjectPatch(cache.objects);
  let events = cache.events;
  let eventPages = cache.eventPages;
  const stale = new Set(cache.staleDetails);
  let graphStale = cache.graphStale;
  let system = cache.system;
  for (const message of messages) {
    switch (message.type) {
      case 'object': {
        const change = objects.upsert(message.object);
        if (change !== 'same') stale.add(message.object.id);
        if (change === 'graph') graphStale = true;
        break;
      }
      case 'deleted':
        objects.remove(message.id);
        stale.add(message.id);
        graphStale = true;
        break;
      case 'event':
        events = prependEvent(events, message.event, MAX_LIVE_EVENTS);
        eventPages = patchEventPages(eventPages, message.event);
        stale.add(message.event.objectId);
        break;
      case 'system':
        if (!sameSystem(system, message.status)) system = message.status;
        break;
    }
  }
  const next: LiveCache = {
    objects: objects.result(),
    events,
    eventPages,
    staleDetails: stale.size === cache.staleDetails.length ? cache.staleDetails : [...stale],
    graphStale,
    system,
  };
  return unchanged(cache, next) ? cache : next;
}

/** {@link applyStreamMessages} for one message. Pure. */
export function applyStreamMessage(cache: LiveCache, message: StreamMessage): LiveCache {
  return applyStreamMessages(cache, [message]);
}

/** A copy-on-write view of the object store for one batch. */
class ObjectPatch {
  private rows: FluxObjectSummary[] | undefined;
  private index: Map<string, number> | undefined;
  private removed = false;

  constructor(private readonly original: readonly FluxObjectSummary[] | undefined) {}

  /** Upserts a summary: `same` when nothing changed, `graph` when the graph shows the change. */
  upsert(object: FluxObjectSummary): 'same' | 'detail' | 'graph' {
    if (!this.original) return 'graph';
    const index = this.indexOf(object.id);
    const current = index === undefined ? undefined : this.view()[index];
    if (current && sameSummary(current, object)) return 'same';
    const rows = this.writable();
    if (index === undefined) {
      this.index?.set(object.id, rows.length);
      rows.push(object);
      return 'graph';
    }
    rows[index] = object;
    return current && !graphFieldsDiffer(current, object) ? 'detail' : 'graph';
  }

  remove(id: string): void {
    if (this.indexOf(id) === undefined) return;
    this.rows = this.writable().filter((row) => row.id !== id);
    this.index = undefined;
    this.removed = true;
  }

  result(): readonly FluxObjectSummary[] | undefined {
    return this.rows ?? this.original;
  }

  private view(): readonly FluxObjectSummary[] {
    return this.rows ?? this.original ?? [];
  }

  private writable(): FluxObjectSummary[] {
    this.rows ??= [...(this.original ?? [])];
    return this.rows;
  }

  private indexOf(id: string): number | undefined {
    if (!this.index || this.removed) {
      this.index = new Map(this.view().map((row, i) => [row.id, i]));
      this.removed = false;
    }
    return this.index.get(id);
  }
}

function prependEvent(events: readonly EventDto[], event: EventDto, limit: number): readonly EventDto[] {
  return [event, ...events.filter((e) => e.uid !== event.uid)].slice(0, limit);
}

function patchEventPages(pages: readonly CachedEventPage[], event: EventDto): readonly CachedEventPage[] {
  let changed = false;
  const next = pages.map((page) => {
    if (!matchesEventFilter(page.filter, event)) return page;
    changed = true;
    return { ...page, items: prependEvent(page.items, event, page.limit) };
  });
  return changed ? next : pages;
}

function unchanged(a: LiveCache, b: LiveCache): boolean {
  return (
    a.objects === b.objects &&
    a.events === b.events &&
    a.eventPages === b.eventPages &&
    a.staleDetails === b.staleDetails &&
    a.graphStale === b.graphStale &&
    a.system === b.system
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

function sameSystem(a: SystemStatusDto | undefined, b: SystemStatusDto): boolean {
  return a?.mode === b.mode && a.phase === b.phase && a.message === b.message;
}
