import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { SessionDto } from '../../api/dto.js';
import type { Principal } from '../../auth/principal.js';
import { roleAtLeast } from '../../auth/roles.js';
import type { SessionInfo } from '../../auth/sessions.js';
import { sessionDetail } from '../../services/access-audit.js';
import { protectedProcedure, router } from '../init.js';

/** An admin everywhere sees and ends every session; anyone else only their own identity's. */
function manages(principal: Principal, session: SessionInfo): boolean {
  if (roleAtLeast(principal.access.everywhere, 'admin')) return true;
  return principal.impersonate !== undefined && session.identity?.user === principal.impersonate.user;
}

/** A session as the API shows it. Pure. */
function toDto(session: SessionInfo, principal: Principal): SessionDto {
  return {
    handle: session.handle,
    user: session.identity?.user ?? null,
    groups: [...(session.identity?.groups ?? [])],
    createdAt: new Date(session.createdAt).toISOString(),
    lastSeenAt: new Date(session.lastSeenAt).toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
    current: session.handle === principal.sessionHandle,
  };
}

/**
 * Signed-in browser sessions: listed (yours; every one for an admin) and ended at once (its
 * next request is refused and its open streams close, as on logout). Audited as `session-revoke`.
 */
export const sessionsRouter = router({
  list: protectedProcedure.query(({ ctx }) =>
    ctx.sessions
      .list()
      .filter((s) => manages(ctx.principal, s))
      .map((s) => toDto(s, ctx.principal)),
  ),
  revoke: protectedProcedure
    .input(z.object({ handle: z.string().regex(/^[0-9a-f]{64}$/) }))
    .mutation(({ ctx, input }) => {
      const session = ctx.sessions.list().find((s) => s.handle === input.handle);
      // Another's session is as absent as one that never was: no probing for who is signed in.
      if (!session || !manages(ctx.principal, session))
        throw new TRPCError({ code: 'NOT_FOUND', message: 'session not found' });
      ctx.sessions.revokeHandle(session.handle);
      const { subject: who } = ctx.principal;
      ctx.audit({
        action: 'session-revoke',
        who,
        from: ctx.from,
        outcome: 'ok',
        detail: sessionDetail(session),
      });
      return { ok: true as const };
    }),
});
