import type { EventDto } from '../api/dto.js';

/** Caps of an {@link EventIndex}. */
export interface EventIndexLimits {
  /** Events kept per object, newest first. */
  perObject: number;
  /** Events kept overall; past it, the one updated longest ago goes. */
  total: number;
}

/** Flux's own objects emit a handful of events per interval; 50 shows hours of history. */
export const DEFAULT_EVENT_LIMITS: EventIndexLimits = { perObject: 50, total: 10_000 };

/**
 * The recent Events of each object, bounded per object and overall, so neither a chatty object
 * nor a flood of Events about names that never existed grows the server's memory. Events of an
 * object that goes away are dropped with it; an Event the cluster deletes (its TTL) goes too.
 */
export class EventIndex {
  private readonly byObject = new Map<string, EventDto[]>();
  /** uid → objectId, in order of last update: the first entry is the eviction candidate. */
  private readonly recency = new Map<string, string>();

  constructor(private readonly limits: EventIndexLimits = DEFAULT_EVENT_LIMITS) {}

  /** Events kept overall. */
  get size(): number {
    return this.recency.size;
  }

  /** Adds or replaces an Event (matched by uid). */
  upsert(event: EventDto): void {
    this.remove(event.uid);
    const list = this.byObject.get(event.objectId) ?? [];
    list.push(event);
    list.sort((a, b) => (b.lastTimestamp ?? '').localeCompare(a.lastTimestamp ?? ''));
    for (const dropped of list.splice(this.limits.perObject)) this.recency.delete(dropped.uid);
    this.byObject.set(event.objectId, list);
    if (list.includes(event)) this.recency.set(event.uid, event.objectId);
    while (this.recency.size > this.limits.total) this.remove(this.recency.keys().next().value ?? '');
  }

  /** Forgets one Event. */
  remove(uid: string): void {
    const objectId = this.recency.get(uid);
    if (objectId === undefined) return;
    this.recency.delete(uid);
    const list = (this.byObject.get(objectId) ?? []).filter((e) => e.uid !== uid);
    if (list.length > 0) this.byObject.set(objectId, list);
    else this.byObject.delete(objectId);
  }

  /** Forgets every Event of an object (it was deleted). */
  dropObject(objectId: string): void {
    for (const event of this.byObject.get(objectId) ?? []) this.recency.delete(event.uid);
    this.byObject.delete(objectId);
  }

  /** Every Event kept, newest first (by last timestamp). */
  newestFirst(): EventDto[] {
    return [...this.byObject.values()]
      .flat()
      .sort((a, b) => compareDesc(a.lastTimestamp ?? '', b.lastTimestamp ?? ''));
  }

  /** An object's Events, newest first. */
  forObject(objectId: string): EventDto[] {
    return this.byObject.get(objectId) ?? [];
  }
}

/** Descending order of ISO timestamps (they compare as strings); no locale rules. */
function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
