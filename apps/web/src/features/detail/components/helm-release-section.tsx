import type { HelmReleaseDetailDto, HelmRevisionDto } from '@tideline/server';
import type { ReactNode } from 'react';
import { DataTable, type Column } from '../../objects/components/data-table';
import { RelativeTime } from '../../time/components/relative-time';

const HISTORY: readonly Column<HelmRevisionDto>[] = [
  { header: 'Revision', cell: (r) => r.version, className: 'tabular-nums' },
  { header: 'Status', cell: (r) => r.status },
  { header: 'Chart', cell: (r) => r.chart, className: 'font-mono text-xs' },
  { header: 'App version', cell: (r) => r.appVersion ?? '—' },
  { header: 'Action', cell: (r) => r.action ?? '—' },
  { header: 'Deployed', cell: (r) => <RelativeTime iso={r.lastDeployed} /> },
  {
    header: 'Tests',
    cell: (r) => (r.tests.length === 0 ? '—' : r.tests.map((t) => `${t.name}: ${t.phase}`).join(', ')),
    className: 'text-xs',
  },
  {
    header: 'Digest',
    cell: (r) => (
      <span className="block max-w-[10rem] truncate font-mono text-xs" title={r.digest}>
        {r.digest ?? '—'}
      </span>
    ),
  },
];

/** A HelmRelease's release history (newest first), counters and where its values come from. */
export function HelmReleaseSection({ helm }: { helm: HelmReleaseDetailDto }): ReactNode {
  return (
    <div className="space-y-3">
      <p className="text-sm">
        Failures: <strong>{helm.failures}</strong> (install {helm.installFailures}, upgrade{' '}
        {helm.upgradeFailures})
        {helm.lastAttemptedReleaseAction ? ` · last action: ${helm.lastAttemptedReleaseAction}` : ''}
      </p>
      <DataTable
        caption="Release history"
        hideCaption
        columns={HISTORY}
        rows={helm.history}
        rowKey={(r) => String(r.version)}
        empty="No release yet."
      />
      <div className="space-y-1 text-sm">
        <p className="font-medium">Values, in merge order</p>
        <ol className="list-decimal pl-5">
          {helm.valuesFrom.map((source) => (
            <li key={source}>{source}</li>
          ))}
          <li>Inline values (spec.values){helm.valuesYaml ? '' : ': none'}</li>
        </ol>
        {helm.valuesYaml ? (
          <pre
            tabIndex={0}
            aria-label="Inline values"
            className="overflow-x-auto rounded-lg border border-gray-200 bg-gray-900 p-3 font-mono text-xs text-gray-100 dark:border-gray-700"
          >
            {helm.valuesYaml}
          </pre>
        ) : null}
        <p className="text-xs text-gray-700 dark:text-gray-300">
          ConfigMap and Secret values are named, not shown: Secret values never leave the cluster through the
          dashboard.
        </p>
      </div>
    </div>
  );
}
