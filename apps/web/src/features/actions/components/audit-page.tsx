'use client';

import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '../../../trpc/trpc-context';
import { QueryStatus } from '../../objects/components/query-status';
import { AuditTable } from './audit-table';

/** `/audit`: every action taken through Tideline, newest first (also Events on each object). */
export function AuditPage(): ReactNode {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.audit.list.queryOptions({ limit: 500 }, { refetchInterval: false, staleTime: 0 }),
  );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        Who did what to which object, when and why. Each action is also a Kubernetes Event on the object
        (reason <code>SuspendRequested</code>, <code>ResumeRequested</code> or <code>ReconcileRequested</code>
        ).
      </p>
      <QueryStatus query={query} what="the audit log" onRetry={() => void query.refetch()} />
      {query.data ? <AuditTable entries={query.data} caption="Audit log" /> : null}
    </div>
  );
}
