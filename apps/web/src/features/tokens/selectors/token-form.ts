/** The roles a token can be scoped to (never more than its owner has when it is used). */
export const TOKEN_ROLES = ['viewer', 'operator', 'admin'] as const;

/** A role a token can be scoped to. */
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** What the create form holds. */
export interface TokenFormValues {
  name: string;
  role: TokenRole;
  /** Comma- or space-separated namespaces; empty: every namespace its owner has. */
  namespaces: string;
}

/** What `tokens.create` is sent, or why the form cannot be sent yet. */
export type TokenFormResult =
  | { ok: true; input: { name: string; role: TokenRole; namespaces?: string[] } }
  | { ok: false; error: string };

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Checks the form as the server will (name 1–64, at most 50 DNS-label namespaces). Pure. */
export function parseTokenForm(values: TokenFormValues): TokenFormResult {
  const name = values.name.trim();
  if (!name) return { ok: false, error: 'Give the token a name (what uses it).' };
  if (name.length > 64) return { ok: false, error: 'A name has at most 64 characters.' };
  const namespaces = [...new Set(values.namespaces.split(/[\s,]+/).filter(Boolean))];
  const bad = namespaces.find((n) => n.length > 63 || !NAMESPACE.test(n));
  if (bad) return { ok: false, error: `"${bad}" is not a namespace name.` };
  if (namespaces.length > 50) return { ok: false, error: 'At most 50 namespaces.' };
  return {
    ok: true,
    input: { name, role: values.role, ...(namespaces.length > 0 ? { namespaces } : {}) },
  };
}

/** `operator in team-a, team-b`, or `viewer everywhere you may`. Pure. */
export function tokenScope(token: { role: string; namespaces?: readonly string[] }): string {
  return token.namespaces?.length
    ? `${token.role} in ${token.namespaces.join(', ')}`
    : `${token.role} everywhere you may`;
}
