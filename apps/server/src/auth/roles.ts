/** What a caller may do, from least to most: read; suspend/resume/reconcile; everything (tokens, sessions). */
export const ROLES = ['viewer', 'operator', 'admin'] as const;

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Whether `role` grants at least what `needed` does. Pure. */
export function roleAtLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The stronger of two roles (undefined: no role). Pure. */
export function strongerRole(a: Role | undefined, b: Role | undefined): Role | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b;
}

/** The weaker of two roles (undefined: no role). Pure. */
export function weakerRole(a: Role | undefined, b: Role | undefined): Role | undefined {
  if (a === undefined || b === undefined) return undefined;
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}
