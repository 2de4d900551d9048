import { stateLook } from '@tideline/core/browser';
import type { ReadyState } from '@tideline/server';
import type { CSSProperties } from 'react';

/** How one state's badge looks: its word and its colours. */
export interface StateStyle {
  label: string;
  /** Inline colours from core's state palette, the same table the Mermaid graph uses. */
  badge: CSSProperties;
}

/**
 * The badge of an object's summary state, from the one state palette in core (ready=green,
 * failed=red, progressing=blue, suspended=amber, unknown and anything unexpected=grey). Pure.
 */
export function stateStyle(state: ReadyState | string): StateStyle {
  const look = stateLook(state);
  return {
    label: look.label,
    badge: { backgroundColor: look.fill, color: look.text, boxShadow: `inset 0 0 0 1px ${look.stroke}` },
  };
}
