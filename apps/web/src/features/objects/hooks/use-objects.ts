import { useQuery } from '@tanstack/react-query';
import type { FluxObjectSummary } from '@tideline/server';
import { useTRPC } from '../../../trpc/trpc-context';
import { snapshotQueryOptions } from '../../live/hooks/use-live-stream';

/** What {@link useObjects} returns: the store's rows once loaded, and the query's state. */
export interface ObjectsResult {
  objects: readonly FluxObjectSummary[] | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => void;
}

/** Every Flux object's summary, from the one store the live stream keeps current. */
export function useObjects(): ObjectsResult {
  const trpc = useTRPC();
  const query = useQuery(snapshotQueryOptions(trpc));
  return {
    objects: query.data?.items,
    isPending: query.isPending,
    isError: query.isError,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}
