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
