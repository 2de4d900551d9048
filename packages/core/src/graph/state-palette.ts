/**
 * The one table from an object's summary state to how it looks: the Mermaid graph's node
 * classes and the dashboard's badges both read it. Pure data, safe in the browser.
 */

/** Health of an object, as the dashboard colours it. */
export type NodeState = 'ready' | 'failed' | 'progressing' | 'suspended' | 'unknown';

/** How one state looks. */
export interface StateLook {
  /** The word shown on badges. */
  label: string;
  /** Background, border and text colours (CSS hex). */
  fill: string;
  stroke: string;
  text: string;
  /** The same roles on a dark background (dark mode): dim fill, bright stroke and text. */
  dark: { fill: string; stroke: string; text: string };
}

/** ready=green, failed=red, progressing=blue, suspended=amber, unknown=grey. */
export const STATE_PALETTE: Readonly<Record<NodeState, StateLook>> = {
  ready: {
    label: 'Ready',
    fill: '#dcfce7',
    stroke: '#16a34a',
    text: '#14532d',
    dark: { fill: '#052e16', stroke: '#22c55e', text: '#bbf7d0' },
  },
  failed: {
    label: 'Failed',
    fill: '#fee2e2',
    stroke: '#dc2626',
    text: '#7f1d1d',
    dark: { fill: '#450a0a', stroke: '#f87171', text: '#fecaca' },
  },
  progressing: {
    label: 'Progressing',
    fill: '#dbeafe',
    stroke: '#2563eb',
    text: '#1e3a8a',
    dark: { fill: '#172554', stroke: '#60a5fa', text: '#bfdbfe' },
  },
  suspended: {
    label: 'Suspended',
    fill: '#fef3c7',
    stroke: '#d97706',
    text: '#78350f',
    dark: { fill: '#451a03', stroke: '#fbbf24', text: '#fde68a' },
  },
  unknown: {
    label: 'Unknown',
    fill: '#f3f4f6',
    stroke: '#6b7280',
    text: '#111827',
    dark: { fill: '#1f2937', stroke: '#9ca3af', text: '#e5e7eb' },
  },
};

/** The states in display order. */
export const NODE_STATES = Object.keys(STATE_PALETTE) as readonly NodeState[];

/** The look of a state; anything unexpected looks unknown. Pure. */
export function stateLook(state: string): StateLook {
  return Object.hasOwn(STATE_PALETTE, state) ? STATE_PALETTE[state as NodeState] : STATE_PALETTE.unknown;
}
