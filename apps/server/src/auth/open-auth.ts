import { join } from 'node:path';
import { AccessPolicy } from './access-policy.js';
import { loadAdminToken } from './admin-token.js';
import { ApiTokens } from './api-tokens.js';
import { Authenticator } from './authenticator.js';
import { normalizeIp } from './ip-address.js';
import type { ThrottleLimits } from './failure-throttle.js';
import { Sessions } from './sessions.js';
import { ThrottleFile } from './throttle-file.js';

/**
 * Failed logins: 10 per client per 15 minutes, 200 for everyone together (about 10 s of
 * scrypt). Spending the global budget closes the login form for everyone until the window
 * ends; sessions and bearer tokens keep working. A lockout an attacker can cause is preferred
 * to guesses they can keep making.
 */
export const LOGIN_LIMITS: ThrottleLimits = { perKey: 10, globalBudget: 200, windowMs: 15 * 60_000 };
/** Wrong bearer tokens and forged cookies: 30 per client per minute, 2,000 for everyone. */
export const CREDENTIAL_LIMITS: ThrottleLimits = { perKey: 30, globalBudget: 2000, windowMs: 60_000 };

/** Options of {@link openAuth}. */
export interface AuthOptions {
  stateDir: string;
  /** TIDELINE_ADMIN_TOKEN, when set. */
  adminToken?: string;
  /** `--trusted-proxy` addresses. */
  trustedProxies?: readonly string[];
  /** Who may see and do what; default: nobody but the admin token. */
  policy?: AccessPolicy;
  sessionTtlMs?: number;
  /** A session unused this long ends (default 8 h). */
  sessionIdleMs?: number;
  loginLimits?: ThrottleLimits;
  credentialLimits?: ThrottleLimits;
  now?: () => number;
}

/** Everything auth keeps in the state dir, opened. */
export interface OpenAuth {
  authenticator: Authenticator;
  sessions: Sessions;
  /** The admin token when this start generated it (print once). */
  generatedToken?: string;
  /** Sessions ended at start because the admin token changed. */
  endedSessions: number;
  /** Writes pending throttle state and stops timers. */
  close(): void;
}

/**
 * Opens the admin token, the session store, the API tokens and both failure throttles from the
 * state dir (`admin-token.json`, `session-secret`, `sessions.json`, `api-tokens.json`,
 * `login-throttle.json`, `credential-throttle.json`; all 0600 in a 0700 dir).
 */
export function openAuth(options: AuthOptions): OpenAuth {
  const now = options.now ?? Date.now;
  const token = loadAdminToken(options.stateDir, options.adminToken);
  const sessions = new Sessions(options.stateDir, {
    credential: token.fingerprint,
    ttlMs: options.sessionTtlMs,
    idleMs: options.sessionIdleMs,
    now,
  });
  const login = new ThrottleFile(
    join(options.stateDir, 'login-throttle.json'),
    options.loginLimits ?? LOGIN_LIMITS,
    now,
  );
  const credential = new ThrottleFile(
    join(options.stateDir, 'credential-throttle.json'),
    options.credentialLimits ?? CREDENTIAL_LIMITS,
    now,
  );
  const trustedProxies = new Set(
    (options.trustedProxies ?? []).map((p) => normalizeIp(p)).filter((p): p is string => p !== undefined),
  );
  const policy = options.policy ?? AccessPolicy.fixed([]);
  const authenticator = new Authenticator({
    token,
    sessions,
    policy,
    apiTokens: new ApiTokens(options.stateDir),
    loginThrottle: login.throttle,
    credentialThrottle: credential.throttle,
    trustedProxies,
  });
  // A role taken away or changed ends the sessions opened with the old one (their streams close).
  policy.onChange(() => authenticator.endChangedSessions());
  authenticator.endChangedSessions();
  return {
    authenticator,
    sessions,
    generatedToken: token.generated,
    endedSessions: sessions.endedAtStart,
    close: () => {
      login.close();
      credential.close();
      sessions.close();
    },
  };
}
