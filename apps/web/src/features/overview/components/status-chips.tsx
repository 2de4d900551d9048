'use client';

import type { ReactNode } from 'react';
import { StateBadge } from '../../status/components/state-badge';
import type { OverviewCounts } from '../selectors/overview-counts';
import { STATUS_FILTERS, type OverviewFilter, type StatusFilter } from '../selectors/overview-filter';

const STATE_OF: Readonly<Record<StatusFilter, 'failed' | 'progressing' | 'suspended' | 'ready' | 'unknown'>> =
  {
    failing: 'failed',
    progressing: 'progressing',
    suspended: 'suspended',
    ready: 'ready',
    unknown: 'unknown',
  };

const WORDS: Readonly<Record<StatusFilter, string>> = {
  failing: 'Failing',
  progressing: 'Progressing',
  suspended: 'Suspended',
  ready: 'Ready',
  unknown: 'Unknown',
};

/** The counts per status at the top of the overview; each is a toggle of the status filter. */
export function StatusChips({
  counts,
  filter,
  onChange,
}: {
  counts: OverviewCounts;
  filter: OverviewFilter;
  onChange: (next: OverviewFilter) => void;
}): ReactNode {
  return (
    <div role="group" aria-label="Filter by status" className="flex flex-wrap gap-2">
      {STATUS_FILTERS.map((status) => {
        const pressed = filter.status === status;
        return (
          <button
            key={status}
            type="button"
            aria-pressed={pressed}
            onClick={() => onChange({ ...filter, status: pressed ? undefined : status })}
            className={`inline-flex items-center gap-2 rounded-lg border px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${
              pressed
                ? 'border-blue-600 bg-blue-50 dark:border-blue-400 dark:bg-blue-950'
                : 'border-gray-200 bg-white hover:bg-gray-50 dark:border-gray-700 dark:bg-gray-900 dark:hover:bg-gray-800'
            }`}
          >
            <StateBadge state={STATE_OF[status]} label={WORDS[status]} />
            <span className="font-semibold tabular-nums">{counts.byStatus[status]}</span>
          </button>
        );
      })}
    </div>
  );
}
