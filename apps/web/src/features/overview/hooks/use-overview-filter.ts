import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { overviewFilterSearch, parseOverviewFilter, type OverviewFilter } from '../selectors/overview-filter';

/**
 * The overview filters, kept in the URL's search params so views can be shared and reloaded.
 * Updates use the History API, which Next.js syncs with `useSearchParams` without a server round trip.
 */
export function useOverviewFilter(): [OverviewFilter, (next: OverviewFilter) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const filter = useMemo(() => parseOverviewFilter(params), [params]);
  const setFilter = useCallback(
    (next: OverviewFilter) =>
      window.history.replaceState(null, '', `${pathname}${overviewFilterSearch(next)}`),
    [pathname],
  );
  return [filter, setFilter];
}
