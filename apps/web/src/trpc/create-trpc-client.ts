import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type Operation,
  type TRPCClient,
} from '@trpc/client';
import type { AppRouter } from '@tideline/server';

/** Where the server mounts tRPC: same origin as the dashboard, so a relative URL. */
const TRPC_URL = '/trpc';

/** Set in a query's tRPC context to send it in its own request, not in the tick's batch. */
export const UNBATCHED = { skipBatch: true } as const;

/** Which link carries an operation. Pure. */
export function transportOf(op: Pick<Operation, 'type' | 'context'>): 'stream' | 'single' | 'batch' {
  if (op.type === 'subscription') return 'stream';
  return op.context.skipBatch === true ? 'single' : 'batch';
}

/**
 * The tRPC client: subscriptions over SSE (`httpSubscriptionLink`), everything else batched
 * over HTTP, except queries marked {@link UNBATCHED}: a batch answers when its slowest query
 * does (the graph waited for the whole object store). Every response passes through
 * `onUnauthorized` when the session is gone (HTTP 401), whatever procedure asked.
 */
export function createTrpcClient(onUnauthorized: () => void): TRPCClient<AppRouter> {
  const fetchWithSession: typeof fetch = async (input, init) => {
    const response = await fetch(input, { ...init, credentials: 'same-origin' });
    if (response.status === 401) onUnauthorized();
    return response;
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => transportOf(op) === 'stream',
        true: httpSubscriptionLink({ url: TRPC_URL, eventSourceOptions: () => ({ withCredentials: true }) }),
        false: splitLink({
          condition: (op) => transportOf(op) === 'single',
          true: httpLink({ url: TRPC_URL, fetch: fetchWithSession }),
          false: httpBatchLink({ url: TRPC_URL, fetch: fetchWithSession }),
        }),
      }),
    ],
  });
}
