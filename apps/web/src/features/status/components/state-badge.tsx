import type { ReadyState } from '@tideline/server';
import type { ReactNode } from 'react';
import { STATE_BADGE_CLASSES, stateStyle } from '../selectors/state-style';

/** A coloured pill naming an object's state; `title` (the Ready message) shows on hover. */
export function StateBadge({
  state,
  title,
  label,
}: {
  state: ReadyState;
  title?: string;
  /** Another word for the state (the status filter says "Failing"). */
  label?: string;
}): ReactNode {
  const style = stateStyle(state);
  return (
    <span
      title={title}
      data-state={state}
      style={style.badge}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STATE_BADGE_CLASSES}`}
    >
      {label ?? style.label}
    </span>
  );
}
