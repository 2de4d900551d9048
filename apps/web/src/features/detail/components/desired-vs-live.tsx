'use client';

import { useQuery } from '@tanstack/react-query';
import type { PlannedObjectDto } from '@tideline/server';
import { useState, type ReactNode } from 'react';
import { useTRPC } from '../../../trpc/trpc-context';
import { DataTable, type Column } from '../../objects/components/data-table';
import { QueryStatus } from '../../objects/components/query-status';
import type { ObjectKey } from '../../objects/selectors/object-key';
import { planSummary } from '../selectors/plan-summary';
import { AskButton } from './ask-button';

type Change = PlannedObjectDto['changes'][number];

/** The two sides of a comparison, as the table headers name them. */
interface Sides {
  before: string;
  after: string;
  /** Prefix of each table's accessible name (`Changes to …`, `Upgrade changes to …`). */
  caption: string;
  /** What an object missing from the `before` side means. */
  created: string;
}

const AGAINST_CLUSTER: Sides = {
  before: 'Live',
  after: 'Next apply',
  caption: 'Changes to',
  created: 'Not in the cluster: the next apply creates it.',
};
const RELEASE_AGAINST_CLUSTER: Sides = {
  ...AGAINST_CLUSTER,
  after: 'Next upgrade',
  created: 'Not in the cluster: the next upgrade creates it.',
};
const AGAINST_RELEASE: Sides = {
  before: 'Stored release',
  after: 'Next upgrade',
  caption: 'Upgrade changes to',
  created: 'Not in the stored release: the next upgrade adds it.',
};

const columns = (sides: Sides): readonly Column<Change>[] => [
  { header: 'Field', cell: (c) => c.path, className: 'font-mono text-xs break-all' },
  { header: sides.before, cell: (c) => c.before ?? '—', className: 'font-mono text-xs break-all' },
  { header: sides.after, cell: (c) => c.after ?? '—', className: 'font-mono text-xs break-all' },
];

function PlannedObject({ object, sides }: { object: PlannedObjectDto; sides: Sides }): ReactNode {
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
          <p className="text-sm">{sides.created}</p>
        ) : (
          <DataTable
            caption={`${sides.caption} ${object.subject}`}
            hideCaption
            columns={columns(sides)}
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

/** One labelled list of objects (a HelmRelease's plan has two: the release and the cluster). */
function ObjectGroup({
  label,
  objects,
  sides,
}: {
  label?: string;
  objects: readonly PlannedObjectDto[];
  sides: Sides;
}): ReactNode {
  const items = objects.map((o) => <PlannedObject key={o.subject} object={o} sides={sides} />);
  if (!label) return items;
  return (
    <section aria-label={label} className="space-y-2">
      <h3 className="text-sm font-semibold">{label}</h3>
      {items.length > 0 ? items : <p className="text-sm">Nothing changes.</p>}
    </section>
  );
}

const INTRO = {
  Kustomization:
    "Builds the source's current revision and dry-runs it against the cluster: what the next apply would create, change or prune, and any drift since the last apply. Nothing is written.",
  HelmRelease:
    'Renders the chart for the current spec with the pinned helm (merged values, Secret values masked) and compares it with the release Helm last stored and, by a dry-run, with the cluster: what the next upgrade would change or delete, and any drift. Nothing is written.',
} as const;

/**
 * Desired vs live for a Kustomization (`flux diff kustomization`) or a HelmRelease (its chart
 * rendered, against the stored release and the cluster): computed when asked, since it builds
 * and dry-runs every object; one collapsed entry per object that would change.
 */
export function DesiredVsLive({
  objectKey,
}: {
  objectKey: ObjectKey & { kind: 'Kustomization' | 'HelmRelease' };
}): ReactNode {
  const trpc = useTRPC();
  const [asked, setAsked] = useState(false);
  const query = useQuery({ ...trpc.objects.plan.queryOptions(objectKey), enabled: asked, retry: false });
  const button = (
    <AskButton
      asked={asked}
      fetching={query.isFetching}
      onClick={() => (asked ? void query.refetch() : setAsked(true))}
      labels={{ ask: 'Compare with the cluster', again: 'Compare again', busy: 'Comparing…' }}
    />
  );
  if (!asked)
    return (
      <div className="space-y-2 text-sm">
        <p>{INTRO[objectKey.kind]}</p>
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
      {summary.upgrade ? (
        <ObjectGroup label="Against the stored release" objects={summary.upgrade} sides={AGAINST_RELEASE} />
      ) : null}
      <ObjectGroup
        label={summary.upgrade ? 'Against the cluster' : undefined}
        objects={summary.shown}
        sides={summary.upgrade ? RELEASE_AGAINST_CLUSTER : AGAINST_CLUSTER}
      />
      {query.data.pruned.length > 0 ? (
        <p className="text-sm">
          {summary.upgrade ? 'The upgrade would delete' : 'Prune would delete'}:{' '}
          <span className="font-mono">{query.data.pruned.join(', ')}</span>
        </p>
      ) : null}
      {button}
    </div>
  );
}
