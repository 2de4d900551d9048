import { initTRPC, TRPCError } from '@trpc/server';
import type { ApiTokens } from '../auth/api-tokens.js';
import type { AuthOutcome, Principal } from '../auth/principal.js';
import type { Sessions } from '../auth/sessions.js';
import type { AccessAudit } from '../services/access-audit.js';
import { KubeApiError } from '@tideline/core';
import {
  AccessDeniedError,
  DiffUnavailableError,
  ObjectNotFoundError,
  type ServicesFor,
} from '../services/types.js';

/** Per-request context: who is calling, and the services (procedures get them scoped to the caller). */
export interface Context {
  servicesFor: ServicesFor;
  /** API tokens (the `tokens` procedures list, make and revoke them). */
  apiTokens: ApiTokens;
  /** Live sessions (the `sessions` procedures list and end them). */
  sessions: Sessions;
  /** Audits API tokens made and revoked. */
  audit: AccessAudit;
  /** Where the request comes from (the address after trusted proxies), for the audit log. */
  from: string;
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
 * Procedures get `ctx.services` as the principal sees them, and nothing else: no router can
 * forget to filter.
 */
const authed = t.middleware(async ({ ctx, type, next }) => {
  const principal = principalOf(ctx.auth);
  if (type === 'mutation' && principal.via === 'session' && !ctx.sameOrigin) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'mutations must be JSON requests from this origin' });
  }
  const services = ctx.servicesFor(principal);
  const { auth, apiTokens, sessions, audit, from } = ctx;
  // Not servicesFor: procedures get the services as this caller sees them, nothing wider.
  const result = await next({ ctx: { auth, principal, services, apiTokens, sessions, audit, from } });
  // tRPC 11's next() does not throw: a procedure's error comes back wrapped, its own in `cause`.
  // tRPC's own refusals (input, auth) pass as they are; a domain error thrown by a service
  // arrives as INTERNAL_SERVER_ERROR with it as the cause, and is mapped here.
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR' && result.error.cause)
    throw toTrpcError(result.error.cause) ?? result.error;
  return result;
});

/** Domain errors become tRPC codes in one place; undefined for others (tRPC's INTERNAL_SERVER_ERROR stays). */
function toTrpcError(error: unknown): TRPCError | undefined {
  if (error instanceof TRPCError) return error;
  if (error instanceof ObjectNotFoundError)
    return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  if (error instanceof AccessDeniedError)
    return new TRPCError({ code: 'FORBIDDEN', message: error.message, cause: error });
  // The cluster's own refusal (its RBAC, as the impersonated caller) is shown as it said it.
  if (error instanceof KubeApiError && error.statusCode === 403)
    return new TRPCError({ code: 'FORBIDDEN', message: error.message, cause: error });
  if (error instanceof DiffUnavailableError)
    return new TRPCError({ code: 'PRECONDITION_FAILED', message: error.message, cause: error });
  return undefined;
}

export const router = t.router;
/** A procedure that needs a logged-in caller; its context carries the {@link Principal}. */
export const protectedProcedure = t.procedure.use(authed);
