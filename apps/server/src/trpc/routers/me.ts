import type { MeDto } from '../../api/dto.js';
import { protectedProcedure, router } from '../init.js';

/** Who the caller is and what it may do, so the dashboard hides what the server would refuse. */
export const meRouter = router({
  get: protectedProcedure.query(({ ctx }): MeDto => ({
    subject: ctx.principal.subject,
    via: ctx.principal.via,
    everywhere: ctx.principal.access.everywhere ?? null,
    namespaces: [...ctx.principal.access.namespaces.entries()]
      .map(([namespace, role]) => ({ namespace, role }))
      .sort((a, b) => a.namespace.localeCompare(b.namespace)),
  })),
});
