import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Identity } from './access.js';
import { readStateFile, writeStateFileSync } from './state-file.js';

/** A stored session's budget: an identity with many groups fits (sign-in refuses larger ones). */
export const MAX_RECORD_BYTES = 8192;

/** A session unused this long ends, by default. */
export const DEFAULT_IDLE_MS = 8 * 60 * 60_000;

/** How often, at most, sessions' last-use times are written to the store. */
const SEEN_SAVE_MS = 60_000;

/** The session cookie's name. */
export const SESSION_COOKIE = 'tideline_session';

/** A live session as the store keeps it: the id only as its sha256. */
interface SessionRecord {
  idHash: string;
  createdAt: number;
  expiresAt: number;
  /** The last request made with it (missing in older stores: `createdAt`). */
  lastSeenAt?: number;
  /** Who signed in (OIDC); absent for the admin token's break-glass sessions. */
  identity?: Identity;
  /** {@link accessKey} of the rights at sign-in: when the policy says otherwise, the session ends. */
  accessKey?: string;
}

/** `sessions.json`: the admin token the sessions were opened with, and the sessions. */
interface StoredSessions {
  credential: string;
  sessions: SessionRecord[];
}

/**
 * What a cookie value is: a live session; nothing (no cookie, or a genuine session that has
 * expired or was revoked: the browser just logs in again); or forged (a signature we never
 * made: an attack, counted by the throttle).
 */
export type SessionCheck =
  | { status: 'valid'; id: string; handle: string; expiresAt: number; identity?: Identity }
  | { status: 'none' }
  | { status: 'forged' };

/** A live session as it may be shown: never its id, only the stored hash as a handle. */
export interface SessionInfo {
  /** The sha256 of the session id (what the store keeps): names the session, cannot rebuild its cookie. */
  handle: string;
  /** Who signed in; absent for the admin token's break-glass sessions. */
  identity?: Identity;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/** Options of {@link Sessions}. */
export interface SessionOptions {
  /** {@link AdminToken.fingerprint}: when it differs from the stored one, every session ends. */
  credential: string;
  ttlMs?: number;
  /** A session unused this long ends (default 8 h), however long its `ttlMs`. */
  idleMs?: number;
  /** Live sessions kept; past it the oldest ends (only holders of the admin token open sessions). */
  maxSessions?: number;
  now?: () => number;
}

/**
 * Server-side sessions. The cookie carries a random id and its HMAC (the secret in the state
 * dir); the store in the state dir says whether the id is still live, so logout revokes at
 * once, a copied cookie dies with its session, and a new admin token ends every session.
 * Streams ask for {@link endSignal} to close when their session ends.
 */
export class Sessions {
  readonly ttlMs: number;
  readonly idleMs: number;
  /** How many sessions the start ended because the admin token changed. */
  readonly endedAtStart: number;
  private readonly secret: Buffer;
  private readonly file: string;
  private readonly live = new Map<string, SessionRecord>();
  private readonly ends = new Map<string, { controller: AbortController; timer: NodeJS.Timeout }>();
  private readonly maxSessions: number;
  private readonly now: () => number;
  private readonly credential: string;
  /** Set while last-seen times wait to be written (at most once a {@link SEEN_SAVE_MS}). */
  private seenSave: NodeJS.Timeout | undefined;

  constructor(stateDir: string, options: SessionOptions) {
    this.ttlMs = options.ttlMs ?? 12 * 60 * 60_000;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.maxSessions = options.maxSessions ?? 1000;
    this.now = options.now ?? Date.now;
    this.credential = options.credential;
    this.secret = loadSecret(stateDir);
    this.file = join(stateDir, 'sessions.json');
    const stored = readStateFile(this.file, (this.maxSessions + 1) * MAX_RECORD_BYTES) as
      StoredSessions | undefined;
    const records = Array.isArray(stored?.sessions) ? stored.sessions : [];
    if (stored?.credential === this.credential) {
      for (const r of records.slice(-this.maxSessions))
        if (typeof r.idHash === 'string' && this.isLive(r, this.now())) this.live.set(r.idHash, r);
      this.endedAtStart = 0;
    } else this.endedAtStart = records.filter((r) => this.isLive(r, this.now())).length;
    this.save();
  }

  /** Opens a session (for `identity`, or the break-glass admin); resolves its cookie value. */
  issue(identity?: Identity, accessKey?: string): { value: string; expiresAt: number } {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    this.prune(now);
    while (this.live.size >= this.maxSessions) this.end(this.live.keys().next().value ?? '');
    const record: SessionRecord = {
      idHash: hashId(id),
      createdAt: now,
      expiresAt: now + this.ttlMs,
      lastSeenAt: now,
      ...(identity ? { identity: { user: identity.user, groups: [...identity.groups] }, accessKey } : {}),
    };
    this.live.set(record.idHash, record);
    this.save();
    return { value: `${id}.${this.sign(id)}`, expiresAt: record.expiresAt };
  }

  /**
   * What a cookie value is; constant-time on the signature. A live session's use is noted:
   * it stays live while used at least once every {@link idleMs}.
   */
  check(value: string | undefined): SessionCheck {
    if (!value) return { status: 'none' };
    const [id, signature, extra] = value.split('.');
    if (!id || !signature || extra !== undefined || value.length > 256) return { status: 'forged' };
    const expected = Buffer.from(this.sign(id));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: 'forged' };
    const record = this.live.get(hashId(id));
    const now = this.now();
    if (!record || !this.isLive(record, now)) return { status: 'none' };
    this.seen(record, now);
    return {
      status: 'valid',
      id,
      handle: record.idHash,
      expiresAt: record.expiresAt,
      identity: record.identity,
    };
  }

  /** Ends one session now (logout); its streams close. */
  revoke(id: string): void {
    if (this.end(hashId(id))) this.save();
  }

  /**
   * The live sessions, oldest first, as anyone may be shown them: the handle is the stored
   * sha256 of the id, from which no cookie can be rebuilt.
   */
  list(): SessionInfo[] {
    this.prune(this.now());
    return [...this.live.values()].map((r) => ({
      handle: r.idHash,
      ...(r.identity ? { identity: { user: r.identity.user, groups: [...r.identity.groups] } } : {}),
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt ?? r.createdAt,
      expiresAt: r.expiresAt,
    }));
  }

  /** Ends the session with this {@link SessionInfo.handle} (admin revocation); resolves whether it was live. */
  revokeHandle(handle: string): boolean {
    const ended = this.end(handle);
    if (ended) this.save();
    return ended;
  }

  /**
   * Ends the signed-in sessions whose rights are no longer those they opened with (`keyOf`
   * answers the {@link accessKey} the policy gives the identity now); resolves how many ended.
   */
  endChanged(keyOf: (identity: Identity) => string): number {
    const changed = [...this.live.values()].filter((r) => r.identity && keyOf(r.identity) !== r.accessKey);
    for (const record of changed) this.end(record.idHash);
    if (changed.length > 0) this.save();
    return changed.length;
  }

  /** Ends every session now; their streams close. */
  revokeAll(): void {
    for (const idHash of [...this.live.keys()]) this.end(idHash);
    this.save();
  }

  /** Aborts when the session ends: revoked, expired, or every session ended. */
  endSignal(id: string): AbortSignal {
    const idHash = hashId(id);
    const known = this.ends.get(idHash);
    if (known) return known.controller.signal;
    const controller = new AbortController();
    const record = this.live.get(idHash);
    if (!record) {
      controller.abort();
      return controller.signal;
    }
    this.ends.set(idHash, { controller, timer: this.endTimer(idHash, record) });
    return controller.signal;
  }

  /** Ends the session at its deadline, or looks again then if it was used since. */
  private endTimer(idHash: string, record: SessionRecord): NodeJS.Timeout {
    const wait = Math.max(0, this.deadline(record) - this.now());
    return setTimeout(() => {
      const pending = this.ends.get(idHash);
      if (this.isLive(record, this.now()) && pending) pending.timer = this.endTimer(idHash, record);
      else if (this.end(idHash)) this.save();
    }, wait).unref();
  }

  /** When the session ends unless it is used again: expiry or idleness, whichever is first. */
  private deadline(record: SessionRecord): number {
    return Math.min(record.expiresAt, (record.lastSeenAt ?? record.createdAt) + this.idleMs);
  }

  private isLive(record: SessionRecord, now: number): boolean {
    return this.deadline(record) > now;
  }

  /**
   * Notes a use. Written to the store at most once a {@link SEEN_SAVE_MS} (a write per request
   * would be a file write per API call): a restart may see a session up to that much idler.
   */
  private seen(record: SessionRecord, now: number): void {
    record.lastSeenAt = now;
    this.seenSave ??= setTimeout(() => {
      this.seenSave = undefined;
      this.save();
    }, SEEN_SAVE_MS).unref();
  }

  /** Live sessions (tests, metrics). */
  get size(): number {
    return this.live.size;
  }

  /** The Set-Cookie header for a session (HttpOnly, SameSite=Strict, Secure over TLS). */
  cookie(value: string, secure: boolean): string {
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(this.ttlMs / 1000)}${secure ? '; Secure' : ''}`;
  }

  /** The Set-Cookie header that clears the session. */
  clearCookie(secure: boolean): string {
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
  }

  /** Stops the expiry timers (server shutdown); sessions stay in the store. */
  close(): void {
    for (const { timer } of this.ends.values()) clearTimeout(timer);
    this.ends.clear();
    if (this.seenSave) {
      clearTimeout(this.seenSave);
      this.seenSave = undefined;
      this.save();
    }
  }

  private end(idHash: string): boolean {
    const existed = this.live.delete(idHash);
    const pending = this.ends.get(idHash);
    if (pending) {
      clearTimeout(pending.timer);
      this.ends.delete(idHash);
      pending.controller.abort();
    }
    return existed;
  }

  private prune(now: number): void {
    for (const [idHash, record] of this.live) if (!this.isLive(record, now)) this.end(idHash);
  }

  private save(): void {
    const stored: StoredSessions = { credential: this.credential, sessions: [...this.live.values()] };
    writeStateFileSync(this.file, stored);
  }

  private sign(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url');
  }
}

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** The cookie-signing secret: created once, kept in the state dir (0600). */
function loadSecret(stateDir: string): Buffer {
  const file = join(stateDir, 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8'), 'base64');
}

/** Whether the request carries a session cookie at all. Pure. */
export function hasSessionCookie(req: { headers: { cookie?: string } }): boolean {
  return readCookie(req.headers.cookie, SESSION_COOKIE) !== undefined;
}

/** Reads one cookie from a Cookie header. Pure. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
