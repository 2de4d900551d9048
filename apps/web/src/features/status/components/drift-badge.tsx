import type { DriftDto } from '@tideline/server';
import type { ReactNode } from 'react';

/**
 * The passive drift mark: helm-controller's `Drifted=True`, or the last desired-vs-live diff of
 * a Kustomization that found changes at the applied revision. Its accessible name says what.
 */
export function DriftBadge({ drift }: { drift: DriftDto }): ReactNode {
  const source = drift.by === 'helm-controller' ? 'helm-controller' : 'the last diff';
  return (
    <span
      role="img"
      aria-label={`Drifted (${source})`}
      title={drift.message}
      className="shrink-0 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100"
    >
      Drift
    </span>
  );
}
