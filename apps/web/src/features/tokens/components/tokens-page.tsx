'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC, useTRPCClient } from '../../../trpc/trpc-context';
import { DataTable, type Column } from '../../objects/components/data-table';
import { QueryStatus } from '../../objects/components/query-status';
import { RelativeTime } from '../../time/components/relative-time';
import { tokenScope } from '../selectors/token-form';
import { SessionsSection } from './sessions-section';
import { TokenCreateForm } from './token-create-form';

/** A token as `tokens.list` gives it. */
interface TokenRow {
  id: string;
  name: string;
  role: string;
  namespaces?: string[];
  owner?: { user: string };
  createdAt: string;
}

const REVOKE =
  'rounded-md border border-red-300 px-2 py-0.5 text-xs font-medium text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600 disabled:opacity-50 dark:border-red-700 dark:text-red-300 dark:hover:bg-red-950';

/**
 * `/tokens`: API tokens for scripts and automation. Yours (every one, for an admin everywhere),
 * each acting as its owner with at most its role; made here, revoked here at once. Below them,
 * the signed-in browser sessions, which can be ended here too.
 */
export function TokensPage(): ReactNode {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.tokens.list.queryOptions(undefined, { staleTime: 0 }));
  const revoke = useMutation({
    mutationFn: (id: string) => client.tokens.revoke.mutate({ id }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() }),
  });
  const columns: readonly Column<TokenRow>[] = [
    { header: 'Name', cell: (t) => t.name },
    { header: 'Id', cell: (t) => <code className="text-xs">{t.id}</code> },
    { header: 'Scope', cell: (t) => tokenScope(t) },
    { header: 'Owner', cell: (t) => t.owner?.user ?? 'admin token' },
    { header: 'Made', cell: (t) => <RelativeTime iso={t.createdAt} />, className: 'whitespace-nowrap' },
    {
      header: 'Revoke',
      hideHeader: true,
      cell: (t) => (
        <button
          type="button"
          className={REVOKE}
          aria-label={`Revoke token ${t.name}`}
          disabled={revoke.isPending}
          onClick={() => revoke.mutate(t.id)}
        >
          Revoke
        </button>
      ),
    },
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        A token acts as the one who made it, with at most its role and namespaces, and never more than they
        may do when it is used. Revoking one stops it at once.
      </p>
      <TokenCreateForm />
      <QueryStatus query={query} what="API tokens" onRetry={() => void query.refetch()} />
      {revoke.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {revoke.error.message}
        </p>
      ) : null}
      {query.data ? (
        <DataTable
          caption="API tokens"
          hideCaption
          columns={columns}
          rows={query.data}
          rowKey={(t) => t.id}
          empty="No API tokens yet."
        />
      ) : null}
      <SessionsSection />
    </div>
  );
}
