/** Paths a logged-out browser may load: the login page and the static assets it needs. */
const PUBLIC_PREFIXES = ['/login', '/_next/', '/favicon.ico', '/icon.svg'];

/** Whether a page request must be sent to the login page first. Pure. */
export function needsLogin(path: string, authenticated: boolean): boolean {
  if (authenticated) return false;
  return !PUBLIC_PREFIXES.some(
    (prefix) =>
      path === prefix ||
      path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`) ||
      path.startsWith(`${prefix}?`),
  );
}
