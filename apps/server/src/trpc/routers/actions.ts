import { z } from 'zod';
import { protectedProcedure, router } from '../init.js';
import { objectKeyInput } from '../inputs.js';

/** Force and reset exist for HelmReleases only. */
const helmReleaseKey = objectKeyInput.extend({ kind: z.literal('HelmRelease') });

/** A suspend reason: one line or a few, as Weave GitOps' comment field takes it. */
const reason = z.string().trim().max(1024).optional();

/** Suspend, resume and reconcile-now: each a patch to the cluster, recorded with who asked and why. */
export const actionsRouter = router({
  suspend: protectedProcedure
    .input(objectKeyInput.extend({ reason }))
    .mutation(async ({ ctx, input: { reason: why, ...key } }) => {
      await ctx.services.actions.suspend(key, { who: ctx.principal.subject, reason: why || undefined });
      return { ok: true as const };
    }),
  resume: protectedProcedure.input(objectKeyInput).mutation(async ({ ctx, input }) => {
    await ctx.services.actions.resume(input, { who: ctx.principal.subject });
    return { ok: true as const };
  }),
  /** `withSource`: the source first, as `flux reconcile ks|hr --with-source` does. */
  reconcile: protectedProcedure
    .input(objectKeyInput.extend({ withSource: z.boolean().optional() }))
    .mutation(async ({ ctx, input: { withSource, ...key } }) => {
      const actor = { who: ctx.principal.subject };
      const source = withSource ? ctx.services.actions.sourceOf(key) : undefined;
      if (source) await ctx.services.actions.reconcile(source, actor);
      return { ok: true as const, requestedAt: await ctx.services.actions.reconcile(key, actor) };
    }),
  /** `flux reconcile hr --force`: one release now, even without changes. */
  force: protectedProcedure.input(helmReleaseKey).mutation(async ({ ctx, input }) => ({
    ok: true as const,
    requestedAt: await ctx.services.actions.helmRequest(input, 'force', { who: ctx.principal.subject }),
  })),
  /** `flux reconcile hr --reset`: failure counters back to zero, so remediation retries again. */
  reset: protectedProcedure.input(helmReleaseKey).mutation(async ({ ctx, input }) => ({
    ok: true as const,
    requestedAt: await ctx.services.actions.helmRequest(input, 'reset', { who: ctx.principal.subject }),
  })),
});
