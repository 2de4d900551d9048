import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { ApiTokenInfo } from '../../auth/api-tokens.js';
import type { Principal } from '../../auth/principal.js';
import { ROLES, roleAtLeast } from '../../auth/roles.js';
import { tokenDetail } from '../../services/access-audit.js';
import { protectedProcedure, router } from '../init.js';

const namespace = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(63);

/** An admin everywhere manages every token; anyone else only their own. */
function manages(principal: Principal, token: ApiTokenInfo): boolean {
  if (roleAtLeast(principal.access.everywhere, 'admin')) return true;
  return token.owner?.user === principal.subject && principal.impersonate !== undefined;
}

/**
 * API tokens: listed (yours; every one for an admin), made (from a browser session only: a
 * token never mints tokens) scoped to a role and namespaces, and revoked at once. A token
 * never has more rights than its owner has at the time it is used.
 */
export const tokensRouter = router({
  list: protectedProcedure.query(({ ctx }) => ctx.apiTokens.list().filter((t) => manages(ctx.principal, t))),
  create: protectedProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(64),
        role: z.enum(ROLES),
        namespaces: z.array(namespace).min(1).max(50).optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      if (ctx.principal.via !== 'session')
        throw new TRPCError({ code: 'FORBIDDEN', message: 'API tokens are made from a signed-in browser' });
      const made = ctx.apiTokens.create({ ...input, owner: ctx.principal.impersonate });
      const { subject: who } = ctx.principal;
      ctx.audit({
        action: 'token-create',
        who,
        from: ctx.from,
        outcome: 'ok',
        detail: tokenDetail(made.info),
      });
      return made;
    }),
  revoke: protectedProcedure.input(z.object({ id: z.string().max(64) })).mutation(({ ctx, input }) => {
    const token = ctx.apiTokens.get(input.id);
    if (!token || !manages(ctx.principal, token))
      throw new TRPCError({ code: 'NOT_FOUND', message: `API token ${input.id} not found` });
    ctx.apiTokens.revoke(input.id);
    const { subject: who } = ctx.principal;
    ctx.audit({ action: 'token-revoke', who, from: ctx.from, outcome: 'ok', detail: tokenDetail(token) });
    return { ok: true as const };
  }),
});
