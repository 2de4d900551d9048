/** What a key press asks the dashboard to do. */
export type KeyCommand =
  | 'focus-search'
  | 'go-overview'
  | 'go-graph'
  | 'go-events'
  | 'next-row'
  | 'previous-row'
  | 'suspend'
  | 'reconcile'
  | 'help';

/** The keyboard map, as the help dialog lists it. */
export const KEY_BINDINGS: readonly { keys: string; command: KeyCommand; does: string }[] = [
  { keys: '/', command: 'focus-search', does: 'Search (names on the overview, text on the events page)' },
  { keys: 'g o', command: 'go-overview', does: 'Go to the overview' },
  { keys: 'g g', command: 'go-graph', does: 'Go to the graph' },
  { keys: 'g e', command: 'go-events', does: 'Go to the events' },
  { keys: 'j', command: 'next-row', does: 'Next row' },
  { keys: 'k', command: 'previous-row', does: 'Previous row' },
  { keys: 's', command: 'suspend', does: 'Suspend or resume the focused object' },
  { keys: 'r', command: 'reconcile', does: 'Reconcile the focused object' },
  { keys: '?', command: 'help', does: 'Show this help' },
];

/** How long a `g` waits for its second key. */
export const CHORD_TIMEOUT_MS = 1500;

/** The chord in progress: a `g` pressed at `since`, or nothing. */
export interface KeymapState {
  pendingSince?: number;
}

const SINGLE: Readonly<Record<string, KeyCommand>> = {
  '/': 'focus-search',
  j: 'next-row',
  k: 'previous-row',
  s: 'suspend',
  r: 'reconcile',
  '?': 'help',
};
const AFTER_G: Readonly<Record<string, KeyCommand>> = { o: 'go-overview', g: 'go-graph', e: 'go-events' };

/**
 * The next state and command after `key` (a `KeyboardEvent.key`) at `now`: `g` starts a chord
 * that `o`/`g`/`e` completes within {@link CHORD_TIMEOUT_MS}; anything else cancels it. Pure.
 */
export function nextKey(
  state: KeymapState,
  key: string,
  now: number,
): { state: KeymapState; command?: KeyCommand } {
  const chord = state.pendingSince !== undefined && now - state.pendingSince <= CHORD_TIMEOUT_MS;
  if (chord) {
    const command = Object.hasOwn(AFTER_G, key) ? AFTER_G[key] : undefined;
    return { state: {}, command };
  }
  if (key === 'g') return { state: { pendingSince: now } };
  return { state: {}, command: Object.hasOwn(SINGLE, key) ? SINGLE[key] : undefined };
}

/** What {@link isTypingTarget} reads of an event target. */
export interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
}

/** Keys typed into a text field belong to it: the map never steals them. Pure. */
export function isTypingTarget(target: TargetLike | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes((target.type ?? 'text').toLowerCase());
}
