import { readFile } from 'node:fs/promises';
import { Agent, type AgentOptions } from 'node:https';

/** The credentials of one request: headers, and the TLS agent (client certificates live there). */
export interface AuthState {
  headers: Record<string, string>;
  agent: Agent;
}

/**
 * Where the client's credentials come from. Static ones never change; tokens from an exec
 * plugin, a token file or an auth-provider are renewed as client-go renews them.
 */
export interface RequestAuth {
  /** The credentials for the next request (renewed first when they are about to lapse). */
  current(): Promise<AuthState>;
  /**
   * The API server answered 401 to a request sent with `used`: renew if that can help.
   * True when a retry may succeed with {@link current}'s new answer.
   */
  unauthorized(used: AuthState): Promise<boolean>;
}

/** The TLS settings and fixed headers every credential builds on. */
export class AuthBase {
  readonly agent: Agent;

  constructor(
    readonly tls: AgentOptions,
    readonly headers: Record<string, string> = {},
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 64, ...tls });
  }

  /** The state for a bearer token, and (when given) a client certificate of its own. */
  with(token: string | undefined, cert?: { cert: string; key: string }): AuthState {
    const headers = { ...this.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const agent = cert ? new Agent({ keepAlive: true, maxSockets: 64, ...this.tls, ...cert }) : this.agent;
    return { headers, agent };
  }
}

/** Credentials that never change (inline token, basic auth, client certificates). */
export class StaticAuth implements RequestAuth {
  private readonly state: AuthState;

  constructor(base: AuthBase, authorization?: string) {
    this.state = {
      headers: { ...base.headers, ...(authorization ? { authorization } : {}) },
      agent: base.agent,
    };
  }

  current(): Promise<AuthState> {
    return Promise.resolve(this.state);
  }

  unauthorized(): Promise<boolean> {
    return Promise.resolve(false);
  }
}

/** client-go re-reads a token file at most once a minute (`NewCachedFileTokenSource`). */
export const TOKEN_FILE_PERIOD_MS = 60_000;

/**
 * A bearer token read from a file (kubeconfig `tokenFile`, a projected ServiceAccount token),
 * re-read every minute and after a 401, as client-go does, so a rotated token is picked up
 * without a restart.
 */
export class TokenFileAuth implements RequestAuth {
  private state?: { auth: AuthState; token: string; readAtMs: number };
  private pending?: Promise<AuthState>;

  constructor(
    private readonly path: string,
    private readonly base: AuthBase,
    private readonly now: () => number = Date.now,
  ) {}

  current(): Promise<AuthState> {
    const s = this.state;
    if (s && this.now() - s.readAtMs < TOKEN_FILE_PERIOD_MS) return Promise.resolve(s.auth);
    return this.read();
  }

  async unauthorized(used: AuthState): Promise<boolean> {
    if (this.state && this.state.auth !== used) return true;
    const before = this.state?.token;
    await this.read();
    return this.state?.token !== before;
  }

  private read(): Promise<AuthState> {
    this.pending ??= (async () => {
      const token = (await readFile(this.path, 'utf8')).trim();
      const auth = this.base.with(token);
      this.state = { auth, token, readAtMs: this.now() };
      return auth;
    })().finally(() => (this.pending = undefined));
    return this.pending;
  }
}
