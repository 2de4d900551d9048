'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../trpc/trpc-context';
import type { MeDto } from '@tideline/server';
import { mayOperate } from '../selectors/may-operate';

/** Whether the signed-in caller may act on objects of `namespace` (the dashboard hides what it may not do). */
export function useMayOperate(namespace: string): boolean {
  return mayOperate(useMe(), namespace);
}

/** The signed-in caller's rights as the server states them (`me.get`); undefined until known. */
export function useMe(): MeDto | undefined {
  const trpc = useTRPC();
  return useQuery({ ...trpc.me.get.queryOptions(), staleTime: 60_000 }).data;
}
