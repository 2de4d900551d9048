import { protectedProcedure, router } from '../init.js';
import { objectKeyInput } from '../inputs.js';

/** Suspend, resume and reconcile-now: each a patch to the cluster. */
export const actionsRouter = router({
  suspend: protectedProcedure.input(objectKeyInput).mutation(async ({ ctx, input }) => {
    await ctx.services.actions.suspend(input);
    return { ok: true as const };
  }),
  resume: protectedProcedure.input(objectKeyInput).mutation(async ({ ctx, input }) => {
    await ctx.services.actions.resume(input);
    return { ok: true as const };
  }),
  reconcile: protectedProcedure.input(objectKeyInput).mutation(async ({ ctx, input }) => ({
    ok: true as const,
    requestedAt: await ctx.services.actions.reconcile(input),
  })),
});
