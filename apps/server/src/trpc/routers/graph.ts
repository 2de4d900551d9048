import { MAX_NODE_BUDGET, MIN_NODE_BUDGET } from '@tideline/core';
import { z } from 'zod';
import { FLUX_KINDS } from '../../api/dto.js';
import { ObjectNotFoundError } from '../../services/types.js';
import { protectedProcedure, router } from '../init.js';
import { objectKeyInput } from '../inputs.js';

/** Kubernetes names: DNS-1123 subdomain, at most 253 characters. */
const kubeName = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
/** `<Kind>/<namespace>/<name>` of a Flux object. */
const objectId = z
  .string()
  .max(600)
  .refine((id) => {
    const [kind = '', namespace = '', name = '', ...rest] = id.split('/');
    return (
      rest.length === 0 &&
      (FLUX_KINDS as readonly string[]).includes(kind) &&
      kubeName.test(namespace) &&
      kubeName.test(name)
    );
  }, 'not a Flux object id (<Kind>/<namespace>/<name>)');

/** The delivery graph, and why objects are not Ready. */
export const graphRouter = router({
  get: protectedProcedure
    .input(
      z
        .object({
          namespaces: z.array(z.string().max(253).regex(kubeName)).max(50).optional(),
          kinds: z.array(z.enum(FLUX_KINDS)).max(FLUX_KINDS.length).optional(),
          focus: objectId.optional(),
          hops: z.number().int().min(0).max(10).optional(),
          budget: z.number().int().min(MIN_NODE_BUDGET).max(MAX_NODE_BUDGET).optional(),
          expand: z.array(objectId).max(50).optional(),
          workloads: z.literal('all').optional(),
          explain: objectId.optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => ctx.services.graph.get(input)),
  explain: protectedProcedure.input(objectKeyInput).query(async ({ ctx, input }) => {
    const explanation = await ctx.services.graph.explain(`${input.kind}/${input.namespace}/${input.name}`);
    if (!explanation) throw new ObjectNotFoundError(input);
    return explanation;
  }),
});
