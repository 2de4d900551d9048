import type { EventDto } from '@tideline/server';

/** Events that say the same thing about the same object, one after another, shown as one row. */
export interface EventGroup {
  /** The newest of them (its uid keys the row). */
  latest: EventDto;
  /** Occurrences in all: the sum of the Events' own counts. */
  count: number;
  /** When the oldest of them was first seen. */
  firstSeen?: string;
}

const sameStory = (a: EventDto, b: EventDto): boolean =>
  a.objectId === b.objectId && a.type === b.type && a.reason === b.reason && a.message === b.message;

/**
 * Folds runs of repeated events (same object, type, reason and message, adjacent in the
 * newest-first list) into one group with the total count, as `flux events` prints
 * `(x17 over 8m)`. Order is kept. Pure.
 */
export function groupEvents(events: readonly EventDto[]): EventGroup[] {
  const groups: EventGroup[] = [];
  for (const event of events) {
    const last = groups.at(-1);
    if (last && sameStory(last.latest, event)) {
      last.count += event.count;
      last.firstSeen = event.firstTimestamp ?? event.lastTimestamp ?? last.firstSeen;
    } else {
      groups.push({
        latest: event,
        count: event.count,
        firstSeen: event.firstTimestamp ?? event.lastTimestamp,
      });
    }
  }
  return groups;
}
