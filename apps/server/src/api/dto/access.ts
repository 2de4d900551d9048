import type { Role } from '../../auth/roles.js';

/** A role of Tideline's access policy. */
export type RoleName = Role;

/** The caller: who it is and its role, everywhere or per namespace (the dashboard hides what it may not do). */
export interface MeDto {
  subject: string;
  via: 'session' | 'bearer';
  /** The role in every namespace; null when limited to `namespaces`. */
  everywhere: RoleName | null;
  namespaces: { namespace: string; role: RoleName }[];
}

/** A live browser session as `sessions.list` shows it: never its id, only a handle to end it by. */
export interface SessionDto {
  /** The stored sha256 of the session id: names it for `sessions.revoke`, cannot rebuild its cookie. */
  handle: string;
  /** The signed-in user; null for a session opened with the admin token (break-glass). */
  user: string | null;
  groups: string[];
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The caller's own session (the one this request came with). */
  current: boolean;
}
