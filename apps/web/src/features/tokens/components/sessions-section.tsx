'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { logOut, redirectToLogin } from '../../auth/api/session';
import { useTRPC, useTRPCClient } from '../../../trpc/trpc-context';
import { DataTable, type Column } from '../../objects/components/data-table';
import { QueryStatus } from '../../objects/components/query-status';
import { RelativeTime } from '../../time/components/relative-time';
import { sessionWho, type SessionRow } from '../selectors/session-rows';
import { EndSessionDialog } from './end-session-dialog';

/** A session as `sessions.list` gives it. */
interface SessionListRow extends SessionRow {
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

const END =
  'rounded-md border border-red-300 px-2 py-0.5 text-xs font-medium text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600 disabled:opacity-50 dark:border-red-700 dark:text-red-300 dark:hover:bg-red-950';

/**
 * "Signed-in sessions": yours (every one, for an admin everywhere), each ended at once after a
 * confirmation. Ending this browser's own is a sign-out (the cookie is cleared too).
 */
export function SessionsSection(): ReactNode {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.sessions.list.queryOptions(undefined, { staleTime: 0 }));
  const [asking, setAsking] = useState<SessionListRow | null>(null);
  const end = useMutation({
    mutationFn: async (session: SessionRow) => {
      if (!session.current) return client.sessions.revoke.mutate({ handle: session.handle });
      await logOut();
      redirectToLogin();
      return { ok: true as const };
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.sessions.list.queryKey() }),
  });
  const columns: readonly Column<SessionListRow>[] = [
    {
      header: 'Who',
      cell: (s) => (
        <>
          {sessionWho(s)}
          {s.current ? (
            <span className="ml-2 text-xs text-gray-600 dark:text-gray-400">this browser</span>
          ) : null}
        </>
      ),
    },
    { header: 'Signed in', cell: (s) => <RelativeTime iso={s.createdAt} />, className: 'whitespace-nowrap' },
    { header: 'Last used', cell: (s) => <RelativeTime iso={s.lastSeenAt} />, className: 'whitespace-nowrap' },
    { header: 'Expires', cell: (s) => <RelativeTime iso={s.expiresAt} />, className: 'whitespace-nowrap' },
    {
      header: 'End session',
      hideHeader: true,
      cell: (s) => (
        <button
          type="button"
          className={END}
          aria-label={s.current ? 'End session of this browser' : `End session of ${sessionWho(s)}`}
          disabled={end.isPending}
          onClick={() => setAsking(s)}
        >
          End session
        </button>
      ),
    },
  ];
  return (
    <section aria-labelledby="sessions-heading" className="space-y-3">
      <h2 id="sessions-heading" className="text-xl font-semibold">
        Signed-in sessions
      </h2>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        Browsers signed in as you (every one, for an admin). Ending one refuses its next request and closes
        its live updates within seconds.
      </p>
      <QueryStatus query={query} what="sessions" onRetry={() => void query.refetch()} />
      {end.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {end.error.message}
        </p>
      ) : null}
      {query.data ? (
        <DataTable
          caption="Signed-in sessions"
          hideCaption
          columns={columns}
          rows={query.data}
          rowKey={(s) => s.handle}
          empty="No browser is signed in (API tokens are listed above)."
        />
      ) : null}
      <EndSessionDialog
        session={asking}
        onCancel={() => setAsking(null)}
        onConfirm={(s) => {
          setAsking(null);
          end.mutate(s);
        }}
      />
    </section>
  );
}
