import type { EventDto, TransitionDto } from '@tideline/server';

/** One line of an object's timeline. */
export interface TimelineEntry {
  key: string;
  at: string;
  /** `event` (a core/v1 Event), `condition` (a Ready transition), `revision`, or `history` (status.history). */
  type: 'event' | TransitionDto['type'];
  title: string;
  detail: string;
  warning: boolean;
}

/**
 * An object's events interleaved with its Ready transitions and revisions, newest first:
 * "what happened to this object today". Events count their repeats (`×3`). Pure.
 */
export function buildTimeline(
  events: readonly EventDto[],
  transitions: readonly TransitionDto[],
): TimelineEntry[] {
  const fromEvents = events.flatMap((e): TimelineEntry[] => {
    const at = e.lastTimestamp ?? e.firstTimestamp;
    if (!at) return [];
    return [
      {
        key: `event:${e.uid}`,
        at,
        type: 'event',
        title: `${e.reason}${e.count > 1 ? ` ×${e.count}` : ''}`,
        detail: e.message,
        warning: e.type === 'Warning',
      },
    ];
  });
  const fromTransitions = transitions.map((t, i): TimelineEntry => ({
    key: `${t.type}:${t.at}:${i}`,
    at: t.at,
    type: t.type,
    title: t.title,
    detail: t.detail,
    warning: t.state === 'failed',
  }));
  return [...fromEvents, ...fromTransitions].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
