import { z } from 'zod';
import { protectedProcedure, router } from '../init.js';
import { objectKeyInput } from '../inputs.js';

/** The audit log of actions, and the blast radius an action would have. */
export const auditRouter = router({
  list: protectedProcedure
    .input(
      z
        .object({
          limit: z.number().int().min(1).max(1000).default(200),
          objectId: z.string().max(600).optional(),
        })
        .default({ limit: 200 }),
    )
    .query(({ ctx, input }) => ctx.services.audit.list(input.limit, input.objectId)),
  impact: protectedProcedure
    .input(z.object({ objects: z.array(objectKeyInput).min(1).max(500) }))
    .query(({ ctx, input }) => ctx.services.audit.impact(input.objects)),
});
