import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isUnauthorized } from '../../../trpc/error-status';
import { useTRPC, useTRPCClient } from '../../../trpc/trpc-context';
import { redirectToLogin } from '../../auth/api/session';
import { applyStreamMessage } from '../cache/apply-stream-message';
import { LIVE_EVENTS_KEY, type LiveQueryKeys } from '../cache/live-query-keys';
import { readLiveCache, writeLiveCache } from '../cache/query-cache-bridge';
import type { ConnectionStatus } from '../selectors/connection-status';
import { LiveConnection } from '../stream/live-connection';

/** The graph re-renders as a whole, so refetch it at most this often while objects change. */
const GRAPH_REFRESH_MS = 500;

/**
 * The app's one subscription to `events.stream`. Each batch of messages is folded through
 * `applyStreamMessage` over the cached data and written back; the graph refetches at most every
 * 500 ms while objects change. Resolves the connection status for the indicator.
 */
export function useLiveStream(): ConnectionStatus {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ConnectionStatus>('connecting');

  useEffect(() => {
    queryClient.setQueryDefaults(LIVE_EVENTS_KEY, { staleTime: Infinity, gcTime: Infinity });
    const keys: LiveQueryKeys = {
      listPrefix: trpc.objects.list.pathKey(),
      detail: (key) => trpc.objects.get.queryKey(key),
      graphPrefix: trpc.graph.get.pathKey(),
    };
    let graphTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshGraph = (): void => {
      graphTimer ??= setTimeout(() => {
        graphTimer = undefined;
        void queryClient.invalidateQueries({ queryKey: keys.graphPrefix });
      }, GRAPH_REFRESH_MS);
    };
    const connection = new LiveConnection({
      // The server ends a stream with UNAUTHORIZED when its session ends (logout elsewhere,
      // expiry, a new admin token): back to the login page rather than reconnecting forever.
      subscribe: (input, handlers) =>
        client.events.stream.subscribe(input, {
          ...handlers,
          onError: (error) => {
            if (isUnauthorized(error)) redirectToLogin();
            handlers.onError(error);
          },
        }),
      onMessages: (messages) => {
        const before = readLiveCache(queryClient, keys);
        const after = messages.reduce(applyStreamMessage, before);
        if (writeLiveCache(queryClient, keys, before, after).graphStale) refreshGraph();
      },
      onStatus: setStatus,
      // Back after a drop or failure: changes may have been missed (a snapshot has no deletions).
      onResync: () => void queryClient.invalidateQueries(),
    });
    connection.start();
    return () => {
      connection.stop();
      clearTimeout(graphTimer);
    };
  }, [client, queryClient, trpc]);

  return status;
}
