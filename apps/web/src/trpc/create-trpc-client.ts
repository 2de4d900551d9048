import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import type { AppRouter } from '@tideline/server';

/** Where the server mounts tRPC: same origin as the dashboard, so a relative URL. */
const TRPC_URL = '/trpc';

/**
 * The tRPC client: subscriptions over SSE (`httpSubscriptionLink`), everything else batched
 * over HTTP. Every response passes through `onUnauthorized` when the session is gone (HTTP 401),
 * whatever procedure asked.
 */
export function createTrpcClient(onUnauthorized: () => void): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: TRPC_URL, eventSourceOptions: () => ({ withCredentials: true }) }),
        false: httpBatchLink({
          url: TRPC_URL,
          fetch: async (input, init) => {
            const response = await fetch(input, { ...init, credentials: 'same-origin' });
            if (response.status === 401) onUnauthorized();
            return response;
          },
        }),
      }),
    ],
  });
}
