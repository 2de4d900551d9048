import type { ReadyState } from '@tideline/server';

/** The palette the dashboard uses for object state. */
export type StateColour = 'green' | 'red' | 'blue' | 'amber' | 'grey';

/** How one state looks: its colour, its word, and the Tailwind classes of its badge. */
export interface StateStyle {
  colour: StateColour;
  label: string;
  badgeClass: string;
}

// Class names are written out in full so Tailwind's scanner finds them.
const STYLES: Readonly<Record<ReadyState, StateStyle>> = {
  ready: { colour: 'green', label: 'Ready', badgeClass: 'bg-green-100 text-green-900 ring-green-600/40' },
  failed: { colour: 'red', label: 'Failed', badgeClass: 'bg-red-100 text-red-900 ring-red-600/40' },
  progressing: {
    colour: 'blue',
    label: 'Progressing',
    badgeClass: 'bg-blue-100 text-blue-900 ring-blue-600/40',
  },
  suspended: {
    colour: 'amber',
    label: 'Suspended',
    badgeClass: 'bg-amber-100 text-amber-900 ring-amber-600/40',
  },
  unknown: { colour: 'grey', label: 'Unknown', badgeClass: 'bg-gray-100 text-gray-800 ring-gray-500/40' },
};

/**
 * The one mapping from an object's summary state to its colour: ready=green, failed=red,
 * progressing=blue, suspended=amber, unknown (and anything unexpected)=grey. Pure.
 */
export function stateStyle(state: ReadyState | string): StateStyle {
  return Object.hasOwn(STYLES, state) ? STYLES[state as ReadyState] : STYLES.unknown;
}
