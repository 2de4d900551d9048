'use client';

import type { ReactNode } from 'react';

/**
 * The button of a read the server makes only when asked (merged values, desired vs live): it asks
 * first, then asks again, and says it is busy while the answer is on its way.
 */
export function AskButton({
  asked,
  fetching,
  onClick,
  labels,
}: {
  asked: boolean;
  fetching: boolean;
  onClick: () => void;
  labels: { ask: string; again: string; busy: string };
}): ReactNode {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={fetching}
      className="rounded-md border border-gray-300 px-2 py-1 text-sm hover:bg-gray-100 focus-visible:outline-2 disabled:opacity-60 dark:border-gray-600 dark:hover:bg-gray-800"
    >
      {fetching ? labels.busy : asked ? labels.again : labels.ask}
    </button>
  );
}
