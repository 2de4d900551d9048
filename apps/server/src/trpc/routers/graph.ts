import { z } from 'zod';
import { protectedProcedure, router } from '../init.js';

/** The delivery graph. */
export const graphRouter = router({
  get: protectedProcedure
    .input(z.object({ namespace: z.string().max(253).optional() }).default({}))
    .query(({ ctx, input }) => ctx.services.graph.get(input)),
});
