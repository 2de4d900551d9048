import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { overviewFilterSearch, parseOverviewFilter, type OverviewFilter } from '../selectors/overview-filter';

/** How a view change enters the browser history. */
export type HistoryMode = 'push' | 'replace';

/**
 * The overview's view, kept in the URL's search params so views can be shared, reloaded and
 * walked with back/forward: discrete choices (status, kind, sort) push a history entry; typing
 * in the search box replaces the current one, so back does not step through every keystroke.
 * The History API is synced by Next.js with `useSearchParams`, without a server round trip.
 */
export function useOverviewFilter(): [OverviewFilter, (next: OverviewFilter, mode?: HistoryMode) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const filter = useMemo(() => parseOverviewFilter(params), [params]);
  const setFilter = useCallback(
    (next: OverviewFilter, mode: HistoryMode = 'push') => {
      const url = `${pathname}${overviewFilterSearch(next)}`;
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [pathname],
  );
  return [filter, setFilter];
}
