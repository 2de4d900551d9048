import type { QueryClient } from '@tanstack/react-query';
import type { EventDto, EventsPageDto, ObjectsSnapshotDto, SystemStatusDto } from '@tideline/server';
import { eventFilterFromKey } from '../../events/selectors/event-filter';
import { parseObjectId } from '../../objects/selectors/object-key';
import { EMPTY_LIVE_CACHE, type CachedEventPage, type LiveCache } from './apply-stream-message';
import { LIVE_EVENTS_KEY, LIVE_SYSTEM_KEY, type LiveQueryKeys } from './live-query-keys';

/** Reads the slice of the React Query cache that stream messages patch. */
export function readLiveCache(client: QueryClient, keys: LiveQueryKeys): LiveCache {
  const eventPages: CachedEventPage[] = client
    .getQueryCache()
    .findAll({ queryKey: keys.eventsPrefix })
    .flatMap((query) => {
      const page = query.state.data as EventsPageDto | undefined;
      return page ? [{ key: query.queryKey, ...eventFilterFromKey(query.queryKey), items: page.items }] : [];
    });
  return {
    ...EMPTY_LIVE_CACHE,
    objects: client.getQueryData<ObjectsSnapshotDto>(keys.snapshot)?.items,
    eventPages,
    events: client.getQueryData<EventDto[]>(LIVE_EVENTS_KEY) ?? [],
    system: client.getQueryData<SystemStatusDto>(LIVE_SYSTEM_KEY),
  };
}

/**
 * Writes what `applyStreamMessages` changed back into React Query: the object store, event
 * data, and refetches of stale detail queries. Resolves whether the graph is stale.
 */
export function writeLiveCache(
  client: QueryClient,
  keys: LiveQueryKeys,
  before: LiveCache,
  after: LiveCache,
  cursor: string | undefined,
): { graphStale: boolean } {
  if (after.objects && after.objects !== before.objects) {
    client.setQueryData<ObjectsSnapshotDto>(keys.snapshot, (old) => ({
      items: after.objects as ObjectsSnapshotDto['items'],
      cursor: cursor ?? old?.cursor ?? '',
    }));
  }
  after.eventPages.forEach((page, index) => {
    if (page.items !== before.eventPages[index]?.items)
      client.setQueryData<EventsPageDto>(page.key, (old) =>
        old ? { ...old, items: [...page.items], matched: Math.max(old.matched, page.items.length) } : old,
      );
  });
  if (after.events !== before.events) client.setQueryData<readonly EventDto[]>(LIVE_EVENTS_KEY, after.events);
  if (after.system && after.system !== before.system)
    client.setQueryData<SystemStatusDto>(LIVE_SYSTEM_KEY, after.system);
  for (const id of after.staleDetails) {
    const key = parseObjectId(id);
    if (key) void client.invalidateQueries({ queryKey: keys.detail(key), exact: true });
  }
  return { graphStale: after.graphStale };
}
