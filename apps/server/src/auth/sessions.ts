import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The session cookie's name. */
export const SESSION_COOKIE = 'tideline_session';

/** Stateless sessions: an expiry signed with a secret kept in the state dir (survives restarts). */
export class Sessions {
  private readonly secret: Buffer;

  constructor(
    stateDir: string,
    private readonly ttlMs = 12 * 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {
    const file = join(stateDir, 'session-secret');
    if (!existsSync(file)) {
      mkdirSync(stateDir, { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    }
    this.secret = Buffer.from(readFileSync(file, 'utf8'), 'base64');
  }

  /** A new session value. */
  issue(): string {
    const payload = Buffer.from(
      JSON.stringify({ exp: this.now() + this.ttlMs, n: randomBytes(8).toString('hex') }),
    ).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** Whether a cookie value is a valid, unexpired session. */
  verify(value: string | undefined): boolean {
    if (!value) return false;
    const [payload, signature] = value.split('.');
    if (!payload || !signature) return false;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    try {
      const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number };
      return typeof exp === 'number' && exp > this.now();
    } catch {
      return false;
    }
  }

  /** The Set-Cookie header for a session (HttpOnly, SameSite=Strict, Secure over TLS). */
  cookie(value: string, secure: boolean): string {
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(this.ttlMs / 1000)}${secure ? '; Secure' : ''}`;
  }

  /** The Set-Cookie header that clears the session. */
  clearCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

/** Reads one cookie from a Cookie header. Pure. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
