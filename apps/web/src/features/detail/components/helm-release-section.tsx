import type { HelmReleaseDetailDto, HelmRevisionDto } from '@tideline/server';
import type { ReactNode } from 'react';
import { DataTable, type Column } from '../../objects/components/data-table';
import type { ObjectKey } from '../../objects/selectors/object-key';
import { RelativeTime } from '../../time/components/relative-time';
import { HelmValues } from './helm-values';

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

type TestHook = HelmRevisionDto['tests'][number];

const TEST_HOOKS: readonly Column<TestHook>[] = [
  { header: 'Test hook', cell: (t) => t.name, className: 'font-mono text-xs' },
  { header: 'Phase', cell: (t) => t.phase },
  { header: 'Started', cell: (t) => <RelativeTime iso={t.lastStarted} /> },
  { header: 'Completed', cell: (t) => <RelativeTime iso={t.lastCompleted} /> },
];

/** A HelmRelease's release history (newest first), counters and where its values come from. */
export function HelmReleaseSection({
  helm,
  objectKey,
}: {
  helm: HelmReleaseDetailDto;
  objectKey: ObjectKey;
}): ReactNode {
  const latest = helm.history[0];
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
      <DataTable
        caption={`Test hooks of release ${latest ? `v${latest.version}` : ''}`.trim()}
        columns={TEST_HOOKS}
        rows={latest?.tests ?? []}
        rowKey={(t) => t.name}
        empty="The latest release ran no test hooks (spec.test.enable is off, or it was not tested yet)."
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
        <HelmValues objectKey={objectKey} />
      </div>
    </div>
  );
}
