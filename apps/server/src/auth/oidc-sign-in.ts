import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import type { Identity } from './access.js';
import { isLoopbackHost } from '../config.js';
import { ClaimsError, identityFromClaims } from './oidc-claims.js';

/** How Tideline signs users in with an OpenID provider (from the server's config). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scopes: string;
  usernameClaim: string;
  groupsClaim: string;
  /** Seconds of clock difference tolerated on `exp`/`iat`/`nbf`. */
  clockToleranceS: number;
}

/** A sign-in begun at the provider: where to send the browser and the state to bind to it. */
export interface BegunSignIn {
  authorizationUrl: string;
  state: string;
}

/**
 * What kind of refusal a sign-in met: the login page words each one. `unreachable` (the
 * provider could not be asked) is the only one not counted against the client.
 */
export type SignInFailure =
  'state' | 'used' | 'provider' | 'claims' | 'no-role' | 'unreachable' | 'throttled';

/** Why a sign-in was refused (for the server log; never a token or a secret). */
export class SignInError extends Error {
  constructor(
    readonly failure: SignInFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

interface Pending {
  verifier: string;
  nonce: string;
  redirectUri: string;
  next: string;
  expiresAt: number;
}

/** A sign-in not finished within this long is forgotten (the user starts again). */
const PENDING_TTL_MS = 10 * 60_000;
/** Sign-ins in flight, at most; past it the oldest is forgotten (each costs ~200 bytes). */
const MAX_PENDING = 10_000;

/**
 * Authorization code flow with PKCE and a nonce (openid-client). Each sign-in is kept
 * server-side under its state until the callback, which consumes it: a replayed callback, a
 * forged state or one from another browser finds nothing. openid-client checks the ID token's
 * signature, issuer, audience, nonce and expiry; the groups come from a configurable claim.
 * Plain-HTTP providers are accepted only on loopback (tests, a local Dex); TLS is verified.
 */
export class OidcSignIn {
  private config?: Promise<client.Configuration>;
  private readonly pending = new Map<string, Pending>();

  constructor(
    readonly settings: OidcSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a sign-in that returns to `redirectUri` and then to the local path `next`. */
  async begin(redirectUri: string, next: string): Promise<BegunSignIn> {
    const config = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const state = client.randomState();
    this.prune();
    this.pending.set(hashState(state), {
      verifier,
      nonce,
      redirectUri,
      next,
      expiresAt: this.now() + PENDING_TTL_MS,
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { authorizationUrl: url.href, state };
  }

  /**
   * Finishes a sign-in from the callback's query and the state cookie of the browser that began
   * it; resolves who signed in and where to go next.
   */
  async finish(
    query: URLSearchParams,
    boundState: string | undefined,
  ): Promise<{ identity: Identity; next: string }> {
    const state = query.get('state') ?? '';
    if (!boundState || state !== boundState)
      throw new SignInError(
        'state',
        'this sign-in was not started in this browser (state mismatch): sign in again',
      );
    const key = hashState(state);
    const pending = this.pending.get(key);
    this.pending.delete(key);
    if (!pending || pending.expiresAt <= this.now())
      throw new SignInError('used', 'this sign-in has already been used or has expired: sign in again');
    const error = query.get('error');
    if (error)
      throw new SignInError('provider', `the identity provider refused the sign-in: ${error.slice(0, 200)}`);
    const callback = new URL(pending.redirectUri);
    for (const [k, v] of query) callback.searchParams.append(k, v);
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(await this.configuration(), callback, {
        pkceCodeVerifier: pending.verifier,
        expectedNonce: pending.nonce,
        expectedState: state,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (e) {
      throw new SignInError('provider', `the identity provider's answer was refused: ${refusalOf(e)}`);
    }
    if (!claims) throw new SignInError('provider', 'the identity provider returned no ID token');
    try {
      return {
        identity: identityFromClaims(claims, this.settings.usernameClaim, this.settings.groupsClaim),
        next: pending.next,
      };
    } catch (e) {
      if (e instanceof ClaimsError) throw new SignInError('claims', e.message);
      throw e;
    }
  }

  /** Discovery, once it succeeds (a provider down at start is asked again at the next sign-in). */
  private configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const issuer = new URL(this.settings.issuer);
      const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname.replace(/^\[|\]$/g, ''));
      const metadata: Partial<client.ClientMetadata> = {
        [client.clockTolerance]: this.settings.clockToleranceS,
        ...(this.settings.clientSecret ? { client_secret: this.settings.clientSecret } : {}),
      };
      const config = client.discovery(
        issuer,
        this.settings.clientId,
        metadata,
        this.settings.clientSecret ? undefined : client.None(),
        insecure ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      );
      this.config = config;
      config.catch(() => {
        if (this.config === config) this.config = undefined;
      });
    }
    return this.config.catch((e: unknown) => {
      throw new SignInError(
        'unreachable',
        `the identity provider cannot be reached: ${(e as Error).message}`,
      );
    });
  }

  private prune(): void {
    const now = this.now();
    for (const [key, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(key);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value ?? '');
  }
}

/**
 * openid-client's refusal in words: its message and oauth4webapi's beneath it, which names the
 * failed check (`"aud" (audience)`, `"exp"`, `"nonce"`, …); neither quotes a token or a value. Pure.
 */
export function refusalOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}
