import type { Access, Identity } from './access.js';

/** Who is calling, once authenticated: what every procedure and stream is given. */
export interface Principal {
  /** `admin` for the admin token and its sessions; the OIDC user; a token's owner. */
  subject: string;
  /** What the caller may see and do, per namespace (the service boundary filters by it). */
  access: Access;
  /**
   * Who mutations are sent to Kubernetes as (`Impersonate-User` and every `Impersonate-Group`),
   * so the cluster's RBAC has the last word; absent for the break-glass admin, who acts as the
   * server itself.
   */
  impersonate?: Identity;
  /** How the request proved itself: a session cookie (a browser, so CSRF rules apply) or a bearer token. */
  via: 'session' | 'bearer';
  /** The API token the request came with, if any. */
  tokenId?: string;
  /** For sessions: the session's handle, the stored hash of its id (so lists can mark the caller's own). */
  sessionHandle?: string;
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
