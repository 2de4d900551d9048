import type { ReactNode } from 'react';

/** The parts of a React Query result that {@link QueryStatus} reads. */
export interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * "Loading …" while a query is pending, and when it failed an alert that says what happened
 * and what to do (retry; check the server), with a Retry button when `onRetry` is given.
 */
export function QueryStatus({
  query,
  what,
  onRetry,
}: {
  query: QueryLike;
  what: string;
  onRetry?: () => void;
}): ReactNode {
  if (query.isPending && !query.isError) {
    return (
      <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
        Loading {what}…
      </p>
    );
  }
  if (query.isError) {
    const message = query.error instanceof Error ? query.error.message : 'unknown error';
    return (
      <div
        role="alert"
        className="flex flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
      >
        <span>
          Could not load {what}: {message}. Check that the Tideline server is running and reachable, then
          retry.
        </span>
        {onRetry ? (
          <button
            type="button"
            onClick={onRetry}
            className="rounded-md border border-red-300 px-2 py-0.5 font-medium"
          >
            Retry
          </button>
        ) : null}
      </div>
    );
  }
  return null;
}
