import type { ReactNode } from 'react';

/** The parts of a React Query result that {@link QueryStatus} reads. */
export interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

/** "Loading …" while a query is pending and an alert when it failed; nothing otherwise. */
export function QueryStatus({ query, what }: { query: QueryLike; what: string }): ReactNode {
  if (query.isPending) {
    return (
      <p role="status" className="text-sm text-gray-600">
        Loading {what}…
      </p>
    );
  }
  if (query.isError) {
    const message = query.error instanceof Error ? query.error.message : 'unknown error';
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        Could not load {what}: {message}
      </p>
    );
  }
  return null;
}
