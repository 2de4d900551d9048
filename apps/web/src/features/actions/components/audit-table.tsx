import type { AccessActionName, ActionName, AuditEntryDto } from '@tideline/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DataTable, type Column } from '../../objects/components/data-table';
import { ACTION_VERBS } from '../../objects/selectors/action-outcome';
import { objectHref, objectLabel, parseObjectId } from '../../objects/selectors/object-key';
import { RelativeTime } from '../../time/components/relative-time';

/** Sign-ins, sign-outs and API token changes (entries about no Flux object). */
const ACCESS_VERBS: Readonly<Record<AccessActionName, string>> = {
  'sign-in': 'Sign in',
  'sign-out': 'Sign out',
  'token-create': 'Create API token',
  'token-revoke': 'Revoke API token',
  'session-revoke': 'End session',
};

function verbOf(action: AuditEntryDto['action']): string {
  return action in ACCESS_VERBS
    ? ACCESS_VERBS[action as AccessActionName]
    : ACTION_VERBS[action as ActionName];
}

function AuditObject({ id, detail }: { id: string; detail?: string }): ReactNode {
  const key = parseObjectId(id);
  if (!key) return detail ?? id;
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
  { header: 'What', cell: (e) => verbOf(e.action) },
  { header: 'Object', cell: (e) => <AuditObject id={e.objectId} detail={e.detail} /> },
  { header: 'From', cell: (e) => e.from ?? '—', className: 'whitespace-nowrap' },
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
      empty="No actions recorded yet. Suspend, resume and reconcile from the dashboard or the API, sign-ins and API tokens are recorded here."
    />
  );
}
