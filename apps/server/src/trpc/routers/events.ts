import { tracked } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure, router } from '../init.js';

/** The live stream over SSE; clients resume from their last event id. */
export const eventsRouter = router({
  stream: protectedProcedure
    .input(z.object({ lastEventId: z.string().max(64).nullish() }).default({}))
    .subscription(async function* ({ ctx, input, signal }) {
      const abort = signal ?? new AbortController().signal;
      for await (const item of ctx.services.stream.subscribe(input.lastEventId ?? undefined, abort)) {
        yield tracked(item.id, item.message);
      }
    }),
});
