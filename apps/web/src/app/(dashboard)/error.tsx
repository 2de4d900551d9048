'use client';

import type { ReactNode } from 'react';

/** Shown when a dashboard page throws while rendering; the nav stays usable. */
export default function DashboardError({ error, reset }: { error: Error; reset: () => void }): ReactNode {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p role="alert">{error.message || 'This page failed to render.'}</p>
      <button
        type="button"
        onClick={reset}
        className="rounded-md border border-gray-300 bg-white px-3 py-1 text-sm"
      >
        Try again
      </button>
    </div>
  );
}
