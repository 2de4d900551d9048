import { initTRPC, TRPCError } from '@trpc/server';
import type { AuthOutcome, Principal } from '../auth/principal.js';
import type { Services } from '../services/types.js';
import { DiffUnavailableError, ObjectNotFoundError } from '../services/types.js';

/** Per-request context: who is calling, and the services. */
export interface Context {
  services: Services;
  /** How authentication of this request ended (done once, by the HTTP layer). */
  auth: AuthOutcome;
  /** True when the request came as JSON from the server's own Origin (the CSRF rule for cookies). */
  sameOrigin: boolean;
}

// Never stack traces in errors, whatever NODE_ENV says: they map our files and dependencies for an attacker.
const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter: ({ shape }) => {
    const { stack: _stack, ...data } = shape.data as typeof shape.data & { stack?: string };
    return { ...shape, data };
  },
});

/** The authenticated caller, or the error that refuses the call. */
function principalOf(auth: AuthOutcome): Principal {
  if (auth.status === 'authenticated') return auth.principal;
  if (auth.status === 'throttled')
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'too many failed attempts' });
  throw new TRPCError({ code: 'UNAUTHORIZED', message: 'log in first' });
}

/**
 * Every procedure requires a principal; mutations from a browser session also require a
 * same-origin JSON request (bearer callers send no cookies, so CSRF cannot reach them).
 */
const authed = t.middleware(async ({ ctx, type, next }) => {
  const principal = principalOf(ctx.auth);
  if (type === 'mutation' && principal.via === 'session' && !ctx.sameOrigin) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'mutations must be JSON requests from this origin' });
  }
  try {
    return await next({ ctx: { ...ctx, principal } });
  } catch (error) {
    throw toTrpcError(error);
  }
});

/** Domain errors become tRPC codes in one place; other messages are passed through without internals. */
function toTrpcError(error: unknown): unknown {
  if (error instanceof TRPCError) return error;
  if (error instanceof ObjectNotFoundError)
    return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  if (error instanceof DiffUnavailableError)
    return new TRPCError({ code: 'PRECONDITION_FAILED', message: error.message, cause: error });
  return error;
}

export const router = t.router;
/** A procedure that needs a logged-in caller; its context carries the {@link Principal}. */
export const protectedProcedure = t.procedure.use(authed);
