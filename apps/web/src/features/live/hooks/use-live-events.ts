import { skipToken, useQuery } from '@tanstack/react-query';
import type { EventDto } from '@tideline/server';
import { LIVE_EVENTS_KEY } from '../cache/live-query-keys';

const NO_EVENTS: readonly EventDto[] = [];

/** Events received by the live stream since the page loaded, newest first; only the stream writes them. */
export function useLiveEvents(): readonly EventDto[] {
  const { data } = useQuery<readonly EventDto[]>({
    queryKey: LIVE_EVENTS_KEY,
    queryFn: skipToken,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return data ?? NO_EVENTS;
}
