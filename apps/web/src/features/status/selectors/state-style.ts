import { stateLook } from '@tideline/core/browser';
import type { ReadyState } from '@tideline/server';
import type { CSSProperties } from 'react';

/** How one state's badge looks: its word and its colours. */
export interface StateStyle {
  label: string;
  /**
   * The palette's colours as CSS custom properties (`--state-fill`, `--state-fill-dark`, …),
   * read by the badge's classes so light and dark mode both come from the one table.
   */
  badge: CSSProperties & Record<`--state-${string}`, string>;
}

/** Tailwind classes that paint a badge from {@link StateStyle.badge}'s properties. */
export const STATE_BADGE_CLASSES =
  'bg-[var(--state-fill)] text-[var(--state-text)] shadow-[inset_0_0_0_1px_var(--state-stroke)] dark:bg-[var(--state-fill-dark)] dark:text-[var(--state-text-dark)] dark:shadow-[inset_0_0_0_1px_var(--state-stroke-dark)]';

/**
 * The badge of an object's summary state, from the one state palette in core (ready=green,
 * failed=red, progressing=blue, suspended=amber, unknown and anything unexpected=grey), with
 * its dark-mode variant. Pure.
 */
export function stateStyle(state: ReadyState | string): StateStyle {
  const look = stateLook(state);
  return {
    label: look.label,
    badge: {
      '--state-fill': look.fill,
      '--state-text': look.text,
      '--state-stroke': look.stroke,
      '--state-fill-dark': look.dark.fill,
      '--state-text-dark': look.dark.text,
      '--state-stroke-dark': look.dark.stroke,
    },
  };
}
