import { z } from 'zod';
import { FLUX_KINDS } from '../../api/dto.js';
import { ObjectNotFoundError } from '../../services/types.js';
import { protectedProcedure, router } from '../init.js';
import { objectKeyInput } from '../inputs.js';

/** Flux objects from the watch cache. */
export const objectsRouter = router({
  list: protectedProcedure
    .input(
      z
        .object({ kind: z.enum(FLUX_KINDS).optional(), namespace: z.string().max(253).optional() })
        .default({}),
    )
    .query(({ ctx, input }) => ctx.services.objects.list(input)),
  /** Every summary and the stream position to subscribe from (the dashboard's one object store). */
  snapshot: protectedProcedure.query(({ ctx }) => ctx.services.objects.snapshot()),
  get: protectedProcedure.input(objectKeyInput).query(({ ctx, input }) => {
    const detail = ctx.services.objects.get(input);
    if (!detail) throw new ObjectNotFoundError(input);
    return detail;
  }),
  /** Image automation, one story: scan → policy → push → source → apply → Pods (image kinds' pages). */
  imageStories: protectedProcedure
    .input(objectKeyInput)
    .query(({ ctx, input }) => ctx.services.objects.imageStories(input)),
  /** Desired vs live: the next apply of a Kustomization, dry-run (`flux diff kustomization`). */
  plan: protectedProcedure.input(objectKeyInput).query(({ ctx, input }) => ctx.services.objects.plan(input)),
  /** A HelmRelease's merged values as helm-controller composes them, Secret values masked. */
  values: protectedProcedure
    .input(objectKeyInput)
    .query(({ ctx, input }) => ctx.services.objects.values(input)),
});
