import type { FluxObjectSummary } from '@tideline/server';
import type { ReactNode } from 'react';
import { DriftBadge } from '../../status/components/drift-badge';
import { StateBadge } from '../../status/components/state-badge';

/** The Ready column on one line: state badge and reason; the message on hover and on the detail page. */
export function ReadyCell({ object }: { object: FluxObjectSummary }): ReactNode {
  const why = object.suspended && object.suspendedComment ? `Suspended: ${object.suspendedComment}` : '';
  return (
    <div className="flex min-w-0 items-center gap-2" title={why || object.readyMessage}>
      <StateBadge state={object.state} />
      {object.drift ? <DriftBadge drift={object.drift} /> : null}
      <span className="truncate text-xs text-gray-700 dark:text-gray-300">
        {object.readyReason || object.readyMessage}
      </span>
    </div>
  );
}
