import type { FluxObjectSummary } from '@tideline/server';
import type { ReactNode } from 'react';
import { LinkedText } from '../../links/components/linked-text';
import { StateBadge } from '../../status/components/state-badge';

/** The Ready column: state badge and reason, the message on hover and in a disclosure. */
export function ReadyCell({ object }: { object: FluxObjectSummary }): ReactNode {
  return (
    <div className="min-w-48">
      <div className="flex flex-wrap items-center gap-2">
        <StateBadge state={object.state} title={object.readyMessage} />
        <span className="text-xs text-gray-700" title={object.readyMessage}>
          {object.readyReason}
        </span>
      </div>
      {object.readyMessage ? (
        <details className="mt-1 max-w-md text-xs text-gray-600">
          <summary className="cursor-pointer text-gray-500 select-none">Message</summary>
          <p className="mt-1 break-words whitespace-pre-wrap">
            <LinkedText text={object.readyMessage} />
          </p>
        </details>
      ) : null}
    </div>
  );
}
