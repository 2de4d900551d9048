import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { graphSearch, parseGraphParams, type GraphParams } from '../selectors/graph-url';

/**
 * The graph page's state, kept in the URL. Each change is a new history entry (the back button
 * returns to the previous focus or filter); Next.js syncs `useSearchParams` with the History API
 * without a round trip to the server.
 */
export function useGraphParams(): [GraphParams, (next: GraphParams) => void] {
  const search = useSearchParams();
  const pathname = usePathname();
  const params = useMemo(() => parseGraphParams(search), [search]);
  const setParams = useCallback(
    (next: GraphParams) => window.history.pushState(null, '', `${pathname}${graphSearch(next)}`),
    [pathname],
  );
  return [params, setParams];
}
