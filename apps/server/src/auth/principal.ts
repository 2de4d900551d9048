/** What a caller may do. One role today; issue 16 adds OIDC subjects and more roles. */
export type Role = 'admin';

/** Who is calling, once authenticated: what every procedure and stream is given. */
export interface Principal {
  /** `admin` for the admin token and its sessions; an OIDC subject later. */
  subject: string;
  role: Role;
  /** How the request proved itself: a session cookie (a browser, so CSRF rules apply) or a bearer token. */
  via: 'session' | 'bearer';
  /** For sessions: a signal that aborts when the session ends (revoked, expired), so streams close. */
  sessionEnds?: () => AbortSignal;
}

/** The outcome of authenticating one request. */
export type AuthOutcome =
  | { status: 'authenticated'; principal: Principal }
  /** No credential, or a genuine session that has ended: log in. */
  | { status: 'anonymous' }
  /** A wrong credential (401). */
  | { status: 'invalid' }
  /** A wrong credential from a client past its failure limit (429 with Retry-After). */
  | { status: 'throttled'; retryAfterS: number };

/** How a login attempt ended. */
export type LoginOutcome =
  { status: 'ok'; setCookie: string } | { status: 'invalid' } | { status: 'throttled'; retryAfterS: number };
