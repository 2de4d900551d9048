'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../trpc/trpc-context';
import { mayOperate } from '../selectors/may-operate';

/** Whether the signed-in caller may act on objects of `namespace` (the dashboard hides what it may not do). */
export function useMayOperate(namespace: string): boolean {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.me.get.queryOptions(), staleTime: 60_000 });
  return mayOperate(me.data, namespace);
}
