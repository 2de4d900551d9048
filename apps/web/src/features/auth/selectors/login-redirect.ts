/**
 * The in-app path to return to after logging in, or `/` when `raw` is missing or could leave
 * the origin (`//evil`, `/\evil`, `https://…`) or loop back to the login page. Pure.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return '/';
  // Control characters (tab, newline) are stripped by URL parsers and could smuggle `//`.
  if (/[\u0000-\u001f\u007f]/.test(raw)) return '/';
  if (raw === '/login' || raw.startsWith('/login?') || raw.startsWith('/login/')) return '/';
  return raw;
}

/** The login page URL that returns to `currentPath` afterwards. Pure. */
export function loginHref(currentPath: string): string {
  const next = safeNextPath(currentPath);
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
