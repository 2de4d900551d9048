import { tracked, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure, router } from '../init.js';

/**
 * The live stream over SSE; clients resume from their last event id. A stream opened with a
 * session ends when the session does (logout, expiry, a new admin token) with UNAUTHORIZED,
 * so the browser goes back to the login page instead of listening on.
 */
export const eventsRouter = router({
  stream: protectedProcedure
    .input(z.object({ lastEventId: z.string().max(64).nullish() }).default({}))
    .subscription(async function* ({ ctx, input, signal }) {
      const client = signal ?? new AbortController().signal;
      const ends = ctx.principal.sessionEnds?.();
      const abort = ends ? AbortSignal.any([client, ends]) : client;
      for await (const item of ctx.services.stream.subscribe(input.lastEventId ?? undefined, abort)) {
        yield tracked(item.id, item.message);
      }
      if (ends?.aborted && !client.aborted)
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'session ended' });
    }),
});
