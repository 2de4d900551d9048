'use client';

import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '../../../trpc/trpc-context';
import { AuditTable } from '../../actions/components/audit-table';

/** The audit entries of one object (refetched by the live stream when an action lands). */
export function ObjectAudit({ objectId }: { objectId: string }): ReactNode {
  const trpc = useTRPC();
  const query = useQuery(trpc.audit.list.queryOptions({ limit: 20, objectId }, { staleTime: 0 }));
  if (!query.data) return null;
  return <AuditTable entries={query.data} caption="Actions on this object" />;
}
