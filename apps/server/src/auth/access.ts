import { strongerRole, weakerRole, type Role } from './roles.js';

/** One line of the access policy: a role for some users and groups, everywhere or in some namespaces. */
export interface Grant {
  role: Role;
  users?: readonly string[];
  groups?: readonly string[];
  /** Absent: every namespace (and cluster-wide rights such as managing tokens, for admins). */
  namespaces?: readonly string[];
}

/** Who is asking, as the identity provider (or a token) says. */
export interface Identity {
  user: string;
  groups: readonly string[];
}

/** What one caller may see and do: a role everywhere, and roles in single namespaces. */
export interface Access {
  /** The role in every namespace (from grants without `namespaces`). */
  everywhere?: Role;
  /** Roles from namespaced grants (the caller's role there is the stronger of this and `everywhere`). */
  namespaces: ReadonlyMap<string, Role>;
}

/** The break-glass admin (the admin token): everything, everywhere. */
export const ADMIN_ACCESS: Access = { everywhere: 'admin', namespaces: new Map() };

/** No access at all. */
export const NO_ACCESS: Access = { namespaces: new Map() };

/** The caller's role in a namespace; undefined when it may not even see it. Pure. */
export function roleIn(access: Access, namespace: string): Role | undefined {
  return strongerRole(access.everywhere, access.namespaces.get(namespace));
}

/** Whether objects of this namespace exist for the caller. Pure. */
export function canSee(access: Access, namespace: string): boolean {
  return roleIn(access, namespace) !== undefined;
}

/** Whether the caller has any role anywhere (no role: refused at sign-in). Pure. */
export function hasAnyRole(access: Access): boolean {
  return access.everywhere !== undefined || access.namespaces.size > 0;
}

/** The namespaces the caller is limited to; undefined when it sees every namespace. Pure. */
export function visibleNamespaces(access: Access): string[] | undefined {
  return access.everywhere ? undefined : [...access.namespaces.keys()].sort();
}

/** Every grant that names the user or one of its groups, merged: the strongest role wins per namespace. Pure. */
export function resolveAccess(grants: readonly Grant[], identity: Identity): Access {
  let everywhere: Role | undefined;
  const namespaces = new Map<string, Role>();
  for (const grant of grants) {
    const matches =
      (grant.users ?? []).includes(identity.user) ||
      (grant.groups ?? []).some((g) => identity.groups.includes(g));
    if (!matches) continue;
    if (!grant.namespaces) everywhere = strongerRole(everywhere, grant.role);
    else
      for (const ns of grant.namespaces)
        namespaces.set(ns, strongerRole(namespaces.get(ns), grant.role) ?? grant.role);
  }
  return { everywhere, namespaces };
}

/**
 * What a token scoped to `role` (and, when given, `namespaces`) may do on behalf of an owner
 * with `owner` access: never more than either. Pure.
 */
export function narrowAccess(owner: Access, role: Role, namespaces?: readonly string[]): Access {
  const result = new Map<string, Role>();
  const candidates = namespaces ?? [...owner.namespaces.keys()];
  for (const ns of candidates) {
    const narrowed = weakerRole(roleIn(owner, ns), role);
    if (narrowed) result.set(ns, narrowed);
  }
  return { everywhere: namespaces ? undefined : weakerRole(owner.everywhere, role), namespaces: result };
}

/** A stable text of an access, to notice when a caller's rights changed. Pure. */
export function accessKey(access: Access): string {
  const entries = [...access.namespaces.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([access.everywhere ?? null, entries]);
}
