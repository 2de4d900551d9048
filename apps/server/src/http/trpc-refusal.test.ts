import { ADMIN_ACCESS } from '../auth/access.js';
import { describe, expect, it } from 'vitest';
import { trpcRefusal } from './trpc-refusal.js';

const anonymous = { status: 'anonymous' } as const;

describe('trpcRefusal', () => {
  it('answers a single call as tRPC does, without echoing the path', () => {
    const refusal = trpcRefusal('/trpc/objects.list?input=%7B%7D', undefined, anonymous);
    expect(refusal?.status).toBe(401);
    expect(JSON.parse(refusal?.body ?? '')).toEqual({
      error: { message: 'log in first', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } },
    });
  });

  it('answers every call of a batch, and a throttled client 429 with Retry-After', () => {
    const refusal = trpcRefusal('/trpc/objects.list,graph.get?batch=1&input=%7B%7D', undefined, {
      status: 'throttled',
      retryAfterS: 42,
    });
    expect(refusal?.status).toBe(429);
    expect(refusal?.headers['retry-after']).toBe('42');
    const body = JSON.parse(refusal?.body ?? '') as { error: { data: { code: string } } }[];
    expect(body.map((b) => b.error.data.code)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
  });

  it('caps a batch, and leaves authenticated requests and streams to tRPC', () => {
    const paths = Array.from({ length: 500 }, () => 'graph.get').join(',');
    expect(
      JSON.parse(trpcRefusal(`/trpc/${paths}?batch=1`, undefined, { status: 'invalid' })?.body ?? ''),
    ).toHaveLength(64);
    expect(trpcRefusal('/trpc/events.stream', 'text/event-stream', anonymous)).toBeUndefined();
    const principal = { subject: 'admin', access: ADMIN_ACCESS, via: 'bearer' } as const;
    expect(trpcRefusal('/trpc/graph.get', undefined, { status: 'authenticated', principal })).toBeUndefined();
  });
});
