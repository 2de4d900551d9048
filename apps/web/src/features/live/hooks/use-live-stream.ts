import { hashKey, useQueryClient } from '@tanstack/react-query';
import type { ObjectsSnapshotDto, StreamMessage } from '@tideline/server';
import { useEffect, useState } from 'react';
import { isUnauthorized } from '../../../trpc/error-status';
import { useTRPC, useTRPCClient } from '../../../trpc/trpc-context';
import { redirectToLogin } from '../../auth/api/session';
import { applyStreamMessages } from '../cache/apply-stream-message';
import { isAfter } from '../cache/feed-position';
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
/** The Event source of actions taken through Tideline (`apps/server/src/services/actions-service.ts`). */
const ACTION_EVENT_SOURCE = 'tideline-dashboard';
/** Batches kept to replay over a re-read object store (a few seconds of a busy cluster). */
const REPLAY_BATCHES = 64;

interface Batch {
  messages: StreamMessage[];
  lastEventId: string | undefined;
}

/**
 * The app's one subscription to `events.stream`. The object store (`objects.snapshot`) is read
 * first and the stream resumes from its cursor, so the server sends changes only, never a
 * snapshot per client. Each batch is folded through `applyStreamMessages` over the cached data
 * and written back; the graph refetches on the first change, then at most every 500 ms while
 * objects keep changing. After a
 * reconnect the store is read again and the batches after its cursor are replayed over it.
 */
export function useLiveStream(): ConnectionStatus {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ConnectionStatus>('connecting');

  useEffect(() => {
    queryClient.setQueryDefaults(LIVE_EVENTS_KEY, { staleTime: Infinity, gcTime: Infinity });
    const keys: LiveQueryKeys = {
      snapshot: trpc.objects.snapshot.queryKey(),
      eventsPrefix: trpc.events.list.pathKey(),
      detail: (key) => trpc.objects.get.queryKey(key),
      // The whole graph router: the drawing and the root-cause explanations follow object changes.
      graphPrefix: trpc.graph.pathKey(),
    };
    const recent: Batch[] = [];
    let graphTimer: ReturnType<typeof setTimeout> | undefined;
    let connection: LiveConnection | undefined;
    let stopped = false;
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
    const apply = (batches: readonly Batch[], cursor?: string): void => {
      const before = readLiveCache(queryClient, keys);
      const after = batches.reduce((cache, b) => applyStreamMessages(cache, b.messages), before);
      if (writeLiveCache(queryClient, keys, before, after, cursor).graphStale) refreshGraph();
    };
    const resync = async (): Promise<void> => {
      const storeHash = hashKey(keys.snapshot);
      void queryClient.invalidateQueries({ predicate: (q) => q.queryHash !== storeHash });
      const fresh = await client.objects.snapshot.query();
      if (stopped) return;
      queryClient.setQueryData<ObjectsSnapshotDto>(keys.snapshot, fresh);
      apply(recent.filter((b) => isAfter(b.lastEventId, fresh.cursor)));
    };
    const start = async (): Promise<void> => {
      const store = await queryClient.fetchQuery(snapshotQueryOptions(trpc)).catch(() => undefined);
      if (stopped) return;
      connection = new LiveConnection({
        initialEventId: store?.cursor,
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
        onMessages: (messages, lastEventId) => {
          const batch = { messages, lastEventId };
          recent.push(batch);
          if (recent.length > REPLAY_BATCHES) recent.shift();
          apply([batch], lastEventId);
          // An action was taken (here or elsewhere): its audit entry is new.
          if (messages.some((m) => m.type === 'event' && m.event.source === ACTION_EVENT_SOURCE))
            void queryClient.invalidateQueries({ queryKey: trpc.audit.list.pathKey() });
        },
        onStatus: setStatus,
        // Back after a drop or failure: changes may have been missed (a snapshot has no deletions).
        onResync: () => void resync().catch(() => undefined),
      });
      connection.start();
    };
    void start();
    return () => {
      stopped = true;
      connection?.stop();
      clearTimeout(graphTimer);
    };
  }, [client, queryClient, trpc]);
  return status;
}

/**
 * The object store's query: loaded once, then kept current by the live stream only (never
 * stale, no structural sharing: the stream replaces rows itself and a deep compare of
 * thousands of rows per batch would cost more than it saves).
 */
export function snapshotQueryOptions(trpc: ReturnType<typeof useTRPC>) {
  return trpc.objects.snapshot.queryOptions(undefined, { staleTime: Infinity, structuralSharing: false });
}
