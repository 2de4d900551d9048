'use client';

import { useQuery } from '@tanstack/react-query';
import type { PlannedObjectDto } from '@tideline/server';
import { useState, type ReactNode } from 'react';
import { useTRPC } from '../../../trpc/trpc-context';
import { DataTable, type Column } from '../../objects/components/data-table';
import { QueryStatus } from '../../objects/components/query-status';
import type { ObjectKey } from '../../objects/selectors/object-key';
import { planSummary } from '../selectors/plan-summary';

type Change = PlannedObjectDto['changes'][number];

const CHANGES: readonly Column<Change>[] = [
  { header: 'Field', cell: (c) => c.path, className: 'font-mono text-xs break-all' },
  { header: 'Live', cell: (c) => c.before ?? '—', className: 'font-mono text-xs break-all' },
  { header: 'Next apply', cell: (c) => c.after ?? '—', className: 'font-mono text-xs break-all' },
];

function PlannedObject({ object }: { object: PlannedObjectDto }): ReactNode {
  return (
    <details className="rounded border border-gray-200 px-3 py-1 dark:border-gray-700">
      <summary className="cursor-pointer text-sm">
        <span className="font-mono">{object.subject}</span> {object.action}
        {object.action === 'configured'
          ? ` (${object.changes.length}${object.truncated ? '+' : ''} field${object.changes.length === 1 && !object.truncated ? '' : 's'})`
          : ''}
      </summary>
      <div className="py-2">
        {object.action === 'failed' ? (
          <p className="text-sm text-red-800 dark:text-red-300">{object.error}</p>
        ) : object.action === 'created' ? (
          <p className="text-sm">Not in the cluster: the next apply creates it.</p>
        ) : (
          <DataTable
            caption={`Changes to ${object.subject}`}
            hideCaption
            columns={CHANGES}
            rows={object.changes}
            rowKey={(c) => c.path}
            empty="No field changes."
          />
        )}
        {object.truncated ? <p className="text-xs">More fields change than are listed here.</p> : null}
      </div>
    </details>
  );
}

/**
 * Desired vs live for a Kustomization (`flux diff kustomization`): computed when asked, since it
 * builds the source and dry-runs every object; one collapsed entry per object that would change.
 */
export function DesiredVsLive({ objectKey }: { objectKey: ObjectKey }): ReactNode {
  const trpc = useTRPC();
  const [asked, setAsked] = useState(false);
  const query = useQuery({ ...trpc.objects.plan.queryOptions(objectKey), enabled: asked, retry: false });
  const button = (
    <button
      type="button"
      onClick={() => (asked ? void query.refetch() : setAsked(true))}
      disabled={query.isFetching}
      className="rounded-md border border-gray-300 px-2 py-1 text-sm hover:bg-gray-100 focus-visible:outline-2 disabled:opacity-60 dark:border-gray-600 dark:hover:bg-gray-800"
    >
      {query.isFetching ? 'Comparing…' : asked ? 'Compare again' : 'Compare with the cluster'}
    </button>
  );
  if (!asked)
    return (
      <div className="space-y-2 text-sm">
        <p>
          Builds the source&apos;s current revision and dry-runs it against the cluster: what the next apply
          would create, change or prune, and any drift since the last apply. Nothing is written.
        </p>
        {button}
      </div>
    );
  if (!query.data) return <QueryStatus query={query} what="the diff" onRetry={() => void query.refetch()} />;
  const summary = planSummary(query.data);
  return (
    <div className="space-y-2">
      <p className="text-sm" role="status">
        {summary.drift ? (
          <span className="mr-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">
            Drift
          </span>
        ) : null}
        {summary.headline}{' '}
        <span className="text-gray-600 dark:text-gray-400">({query.data.durationMs} ms)</span>
      </p>
      {summary.shown.map((o) => (
        <PlannedObject key={o.subject} object={o} />
      ))}
      {query.data.pruned.length > 0 ? (
        <p className="text-sm">
          Prune would delete: <span className="font-mono">{query.data.pruned.join(', ')}</span>
        </p>
      ) : null}
      {button}
    </div>
  );
}
