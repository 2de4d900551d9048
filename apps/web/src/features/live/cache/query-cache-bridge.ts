import type { QueryClient } from '@tanstack/react-query';
import type { EventDto, FluxObjectSummary, SystemStatusDto } from '@tideline/server';
import { parseObjectId } from '../../objects/selectors/object-key';
import { EMPTY_LIVE_CACHE, type CachedList, type LiveCache } from './apply-stream-message';
import { listFilterFromKey } from './list-filter-from-key';
import { LIVE_EVENTS_KEY, LIVE_SYSTEM_KEY, type LiveQueryKeys } from './live-query-keys';

/** Reads the slice of the React Query cache that stream messages patch. */
export function readLiveCache(client: QueryClient, keys: LiveQueryKeys): LiveCache {
  const lists: CachedList[] = client
    .getQueryCache()
    .findAll({ queryKey: keys.listPrefix })
    .flatMap((query) => {
      const rows = query.state.data;
      return Array.isArray(rows)
        ? [
            {
              key: query.queryKey,
              filter: listFilterFromKey(query.queryKey),
              rows: rows as FluxObjectSummary[],
            },
          ]
        : [];
    });
  return {
    ...EMPTY_LIVE_CACHE,
    lists,
    events: client.getQueryData<EventDto[]>(LIVE_EVENTS_KEY) ?? [],
    system: client.getQueryData<SystemStatusDto>(LIVE_SYSTEM_KEY),
  };
}

/**
 * Writes what `applyStreamMessage` changed back into React Query: new list and event data, and
 * refetches of stale detail queries. Lists still fetching when objects changed are refetched
 * too, so an older response cannot overwrite a newer live update. Resolves whether the graph is stale.
 */
export function writeLiveCache(
  client: QueryClient,
  keys: LiveQueryKeys,
  before: LiveCache,
  after: LiveCache,
): { graphStale: boolean } {
  after.lists.forEach((list, index) => {
    if (list.rows !== before.lists[index]?.rows)
      client.setQueryData<readonly FluxObjectSummary[]>(list.key, list.rows);
  });
  if (after.events !== before.events) client.setQueryData<readonly EventDto[]>(LIVE_EVENTS_KEY, after.events);
  if (after.system && after.system !== before.system)
    client.setQueryData<SystemStatusDto>(LIVE_SYSTEM_KEY, after.system);
  for (const id of after.staleDetails) {
    const key = parseObjectId(id);
    if (key) void client.invalidateQueries({ queryKey: keys.detail(key), exact: true });
  }
  const objectsChanged = after.graphStale || after.lists !== before.lists;
  if (objectsChanged) {
    for (const query of client
      .getQueryCache()
      .findAll({ queryKey: keys.listPrefix, fetchStatus: 'fetching' })) {
      void client.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }
  }
  return { graphStale: after.graphStale };
}
