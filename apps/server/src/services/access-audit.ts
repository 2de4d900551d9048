import type { AccessActionName, AuditEntryDto } from '../api/dto.js';
import type { ApiTokenInfo } from '../auth/api-tokens.js';
import type { Principal } from '../auth/principal.js';
import type { SessionInfo } from '../auth/sessions.js';
import { roleAtLeast } from '../auth/roles.js';
import type { AuditLog } from './audit-log.js';

/** What an access entry says; the time is added when it is recorded. */
export interface AccessEvent {
  action: AccessActionName;
  /** The user (`admin` for the admin token; `unknown` when a sign-in failed before naming one). */
  who: string;
  /** The client's address (after trusted proxies). */
  from: string;
  outcome: 'ok' | 'failed';
  detail?: string;
  /** Why it failed (the server's own words, never a credential). */
  error?: string;
}

/** Records sign-ins, sign-outs and API tokens made or revoked in the audit log. */
export type AccessAudit = (event: AccessEvent) => void;

/** The audit line of an access event: no object (`objectId` empty). Pure. */
export function accessEntry(event: AccessEvent, at: Date): AuditEntryDto {
  return {
    at: at.toISOString(),
    who: event.who,
    action: event.action,
    objectId: '',
    outcome: event.outcome,
    from: event.from,
    ...(event.detail !== undefined ? { detail: event.detail } : {}),
    ...(event.error !== undefined ? { error: event.error } : {}),
  };
}

/** An {@link AccessAudit} writing to `log` (none: records nothing, for API-only tests). */
export function accessAudit(log: AuditLog | undefined, now: () => Date = () => new Date()): AccessAudit {
  return (event) => log?.record(accessEntry(event, now()));
}

/** `token 0a1b2c… "ci" (operator in team-a, team-b)`: which token, never its secret. Pure. */
export function tokenDetail(token: Pick<ApiTokenInfo, 'id' | 'name' | 'role' | 'namespaces'>): string {
  const where = token.namespaces ? ` in ${token.namespaces.join(', ')}` : '';
  return `token ${token.id} ${JSON.stringify(token.name)} (${token.role}${where})`;
}

/**
 * Who may read an access entry: an admin everywhere reads them all, anyone else only their own
 * (who signs in when is not a tenant's business). Pure.
 */
export function mayReadAccessEntry(principal: Principal, entry: AuditEntryDto): boolean {
  if (roleAtLeast(principal.access.everywhere, 'admin')) return true;
  // The signed-in identity's own entries (the break-glass admin, who has none, is admin anyway).
  return principal.impersonate !== undefined && entry.who === principal.impersonate.user;
}

/** `session of bob (signed in 2026-…)`: whose session, never its id nor its handle. Pure. */
export function sessionDetail(session: Pick<SessionInfo, 'identity' | 'createdAt'>): string {
  const whose = session.identity ? session.identity.user : 'the admin token';
  return `session of ${whose} (signed in ${new Date(session.createdAt).toISOString()})`;
}
