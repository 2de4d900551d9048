import { loginHref } from '../selectors/login-redirect';

/** How a login attempt ended. */
export type LoginResult =
  | { ok: true }
  | { ok: false; reason: 'invalid-token' | 'server-error' | 'network-error'; status?: number }
  | { ok: false; reason: 'throttled'; retryAfterS: number };

/** Exchanges the admin token for an HttpOnly session cookie (`POST /api/login`). */
export async function logIn(token: string): Promise<LoginResult> {
  let response: Response;
  try {
    response = await fetch('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, reason: 'network-error' };
  }
  if (response.ok) return { ok: true };
  if (response.status === 401) return { ok: false, reason: 'invalid-token', status: 401 };
  if (response.status === 429) {
    const retryAfterS = Number(response.headers.get('retry-after'));
    return { ok: false, reason: 'throttled', retryAfterS: Number.isFinite(retryAfterS) ? retryAfterS : 60 };
  }
  return { ok: false, reason: 'server-error', status: response.status };
}

/**
 * Ends the session on the server (`POST /api/logout`, a same-origin JSON request as the server
 * requires); resolves even when the server cannot be reached.
 */
export async function logOut(): Promise<void> {
  try {
    await fetch('/api/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    });
  } catch {
    // Leaving for the login page is right either way; the cookie is HttpOnly, so there is nothing to clear here.
  }
}

let redirecting = false;

/**
 * Leaves for the login page, remembering where the user was. A full page load, so no cached
 * data survives; repeated 401s while the page unloads trigger it once.
 */
export function redirectToLogin(): void {
  if (redirecting || typeof window === 'undefined' || window.location.pathname === '/login') return;
  redirecting = true;
  window.location.assign(loginHref(`${window.location.pathname}${window.location.search}`));
}
