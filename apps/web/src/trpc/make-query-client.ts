import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isUnauthorized, shouldRetryQuery } from './error-status';

/**
 * The React Query client. Data stays fresh through the live stream (no polling, no refetch on
 * focus); any call failing with UNAUTHORIZED sends the user to the login page.
 */
export function makeQueryClient(onUnauthorized: () => void): QueryClient {
  const onError = (error: unknown): void => {
    if (isUnauthorized(error)) onUnauthorized();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        refetchOnReconnect: true,
        retry: shouldRetryQuery,
      },
      mutations: { retry: false },
    },
  });
}
