import type { FluxObjectDetail } from '@tideline/server';
import type { ReactNode } from 'react';
import { LinkedText } from '../../links/components/linked-text';
import { RelativeTime } from '../../time/components/relative-time';
import { buildTimeline } from '../selectors/timeline';

const TYPE_WORDS = {
  event: 'Event',
  condition: 'Condition',
  revision: 'Revision',
  history: 'History',
} as const;

/** Events, Ready transitions and revisions of one object, newest first, on one line each. */
export function ObjectTimeline({ object }: { object: FluxObjectDetail }): ReactNode {
  const entries = buildTimeline(object.events, object.transitions);
  if (entries.length === 0)
    return <p className="text-sm text-gray-700 dark:text-gray-300">Nothing recorded yet.</p>;
  return (
    <ol
      className="max-h-96 space-y-1 overflow-auto rounded-lg border border-gray-200 bg-white p-3 text-sm dark:border-gray-700 dark:bg-gray-900"
      tabIndex={0}
      aria-label="Timeline entries"
    >
      {entries.map((e) => (
        <li key={e.key} className="grid grid-cols-[6rem_6rem_1fr] gap-2">
          <RelativeTime iso={e.at} />
          <span
            className={
              e.warning ? 'font-medium text-red-700 dark:text-red-400' : 'text-gray-700 dark:text-gray-300'
            }
          >
            {TYPE_WORDS[e.type]}
          </span>
          <span className="min-w-0 break-words">
            <span className="font-medium">{e.title}</span>
            {e.detail ? (
              <>
                {' — '}
                <LinkedText text={e.detail} />
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
