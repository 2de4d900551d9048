import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { AuthOutcome } from '../auth/principal.js';

/** Calls one batched request may name; more is not a dashboard. */
const MAX_BATCH = 64;

/** A tRPC error response the client understands, written without running the router. */
export interface TrpcRefusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The answer to a `/trpc/…` request that did not authenticate, shaped as tRPC's own (one error
 * per call of a batch), so an unauthenticated caller never reaches the router: no input is
 * parsed, and a failure costs a fraction of what tRPC's request pipeline does. Streams
 * (`text/event-stream`) are left to tRPC, whose SSE error event the subscription link expects.
 * Undefined when the request is authenticated or a stream. Pure.
 */
export function trpcRefusal(
  url: string,
  accept: string | undefined,
  outcome: AuthOutcome,
): TrpcRefusal | undefined {
  if (outcome.status === 'authenticated' || accept?.includes('text/event-stream')) return undefined;
  const throttled = outcome.status === 'throttled';
  const [path = '', query = ''] = url.replace(/^\/trpc\//, '').split('?');
  const error = {
    message: throttled ? 'too many failed attempts' : 'log in first',
    code: TRPC_ERROR_CODES_BY_KEY[throttled ? 'TOO_MANY_REQUESTS' : 'UNAUTHORIZED'],
    data: { code: throttled ? 'TOO_MANY_REQUESTS' : 'UNAUTHORIZED', httpStatus: throttled ? 429 : 401 },
  };
  const batch = new URLSearchParams(query).get('batch') === '1';
  const calls = Math.min(MAX_BATCH, path.split(',').length);
  const body = batch ? Array.from({ length: calls }, () => ({ error })) : { error };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (outcome.status === 'throttled') headers['retry-after'] = String(outcome.retryAfterS);
  return { status: error.data.httpStatus, headers, body: JSON.stringify(body) };
}
