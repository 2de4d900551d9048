import { tracked, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { FLUX_KINDS } from '../../api/dto.js';
import { protectedProcedure, router } from '../init.js';

const text = z.string().max(253).optional();

/** The events page's filters, as the URL carries them. */
const eventFilterInput = z
  .object({
    kind: z.enum(FLUX_KINDS).optional(),
    namespace: text,
    name: text,
    type: z.enum(['Normal', 'Warning']).optional(),
    reason: z.string().max(128).optional(),
    q: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(1000).default(500),
  })
  .default({ limit: 500 });

/**
 * The live stream over SSE; clients resume from their last event id. A stream opened with a
 * session ends when the session does (logout, expiry, a new admin token) with UNAUTHORIZED,
 * so the browser goes back to the login page instead of listening on.
 */
export const eventsRouter = router({
  /** Recent Events from the server's bounded index, filtered, newest first. */
  list: protectedProcedure
    .input(eventFilterInput)
    .query(({ ctx, input: { limit, ...filter } }) => ctx.services.events.list(filter, limit)),
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
