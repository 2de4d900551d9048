import { initTRPC, TRPCError } from '@trpc/server';
import type { Services } from '../services/types.js';
import { ObjectNotFoundError } from '../services/types.js';

/** Per-request context: who is calling, and the services. */
export interface Context {
  services: Services;
  /** True when the request carried a valid session cookie or bearer token. */
  authenticated: boolean;
  /** True when a mutation came as JSON from the server's own Origin (CSRF guard). */
  sameOrigin: boolean;
}

const t = initTRPC.context<Context>().create();

/** Every procedure requires authentication; mutations also require a same-origin JSON request. */
const authed = t.middleware(async ({ ctx, type, next }) => {
  if (!ctx.authenticated) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'log in first' });
  if (type === 'mutation' && !ctx.sameOrigin) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'mutations must be JSON requests from this origin' });
  }
  try {
    return await next();
  } catch (error) {
    throw toTrpcError(error);
  }
});

/** Domain errors become tRPC codes in one place; other messages are passed through without internals. */
function toTrpcError(error: unknown): unknown {
  if (error instanceof TRPCError) return error;
  if (error instanceof ObjectNotFoundError)
    return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  return error;
}

export const router = t.router;
/** A procedure that needs a logged-in caller. */
export const protectedProcedure = t.procedure.use(authed);
