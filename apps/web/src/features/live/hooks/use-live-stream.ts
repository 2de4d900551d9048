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

/**
 * The graph refetches at once on the first change, then at most this often while objects keep
 * changing (a state change only restyles the drawn graph, but a thousand objects reconciling
 * would otherwise refetch it a thousand times).
 */
const GRAPH_REFRESH_MS = 500;

/**
 * The app's one subscription to `events.stream`. Each batch of messages is folded through
 * `applyStreamMessage` over the cached data and written back; the graph refetches on the first
 * change, then at most every 500 ms while objects keep changing. Resolves the connection status for the indicator.
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
      // The whole graph router: the drawing and the root-cause explanations follow object changes.
      graphPrefix: trpc.graph.pathKey(),
    };
    let graphTimer: ReturnType<typeof setTimeout> | undefined;
    let lastGraphRefresh = 0;
    const invalidateGraph = (): void => {
      lastGraphRefresh = Date.now();
      void queryClient.invalidateQueries({ queryKey: keys.graphPrefix });
    };
    const refreshGraph = (): void => {
      if (graphTimer) return;
      const wait = lastGraphRefresh + GRAPH_REFRESH_MS - Date.now();
      if (wait <= 0) invalidateGraph();
      else
        graphTimer = setTimeout(() => {
          graphTimer = undefined;
          invalidateGraph();
        }, wait);
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
