import type { AuditEntryDto } from '@tideline/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DataTable, type Column } from '../../objects/components/data-table';
import { ACTION_VERBS } from '../../objects/selectors/action-outcome';
import { objectHref, objectLabel, parseObjectId } from '../../objects/selectors/object-key';
import { RelativeTime } from '../../time/components/relative-time';

function AuditObject({ id }: { id: string }): ReactNode {
  const key = parseObjectId(id);
  if (!key) return id;
  return (
    <Link
      href={objectHref(key)}
      prefetch={false}
      aria-label={objectLabel(key)}
      className="text-blue-700 hover:underline dark:text-blue-300"
    >
      {key.kind}/{key.namespace}/{key.name}
    </Link>
  );
}

const COLUMNS: readonly Column<AuditEntryDto>[] = [
  { header: 'When', cell: (e) => <RelativeTime iso={e.at} />, className: 'whitespace-nowrap' },
  { header: 'Who', cell: (e) => e.who },
  { header: 'What', cell: (e) => ACTION_VERBS[e.action] },
  { header: 'Object', cell: (e) => <AuditObject id={e.objectId} /> },
  { header: 'Why', cell: (e) => e.reason ?? '—', className: 'max-w-md break-words' },
  {
    header: 'Outcome',
    cell: (e) =>
      e.outcome === 'ok' ? (
        'Done'
      ) : (
        <span className="text-red-700 dark:text-red-400">Failed: {e.error ?? ''}</span>
      ),
  },
];

/** Audit entries, newest first. */
export function AuditTable({
  entries,
  caption,
}: {
  entries: readonly AuditEntryDto[];
  caption: string;
}): ReactNode {
  return (
    <DataTable
      caption={caption}
      hideCaption
      columns={COLUMNS}
      rows={entries}
      rowKey={(e) => `${e.at}:${e.objectId}:${e.action}`}
      empty="No actions recorded yet. Suspend, resume and reconcile from the dashboard or the API are recorded here."
    />
  );
}
