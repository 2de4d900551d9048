import type { EventFilterDto } from '@tideline/server';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { HistoryMode } from '../../overview/hooks/use-overview-filter';
import { eventFilterSearch, parseEventFilter } from '../selectors/event-filter';

/** The events page's filters in the URL: choices push a history entry, typing replaces it. */
export function useEventFilter(): [EventFilterDto, (next: EventFilterDto, mode?: HistoryMode) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const filter = useMemo(() => parseEventFilter(params), [params]);
  const setFilter = useCallback(
    (next: EventFilterDto, mode: HistoryMode = 'push') => {
      const url = `${pathname}${eventFilterSearch(next)}`;
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [pathname],
  );
  return [filter, setFilter];
}
