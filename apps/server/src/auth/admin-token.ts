import { createHash, createHmac, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { readStateFile, writeStateFileSync } from './state-file.js';

/**
 * What is stored in `admin-token.json`: never the token. `hash` is a salted scrypt hash (checked
 * at login). A generated token also stores `bearerKey`/`bearerDigest` (HMAC-SHA256), the fast
 * check for API bearer calls: a generated token has 192 random bits, so a fast hash of it is
 * as safe to keep as a slow one. A token from TIDELINE_ADMIN_TOKEN may be weaker: its bearer
 * check is derived in memory at each start and never written.
 */
interface StoredToken {
  version: 2;
  source: 'generated' | 'environment';
  salt: string;
  hash: string;
  bearerKey?: string;
  bearerDigest?: string;
}

/** How a login attempt's token compares with the admin token. */
export type LoginVerdict = 'valid' | 'invalid' | 'busy';

/** The admin credential: checks for the login form and for bearer calls. */
export interface AdminToken {
  /** Set only when this start generated the token, so the caller can print it once. */
  generated?: string;
  /**
   * Changes exactly when the admin token changes (new TIDELINE_ADMIN_TOKEN, a deleted token
   * file): sessions are bound to it, so a new token ends them all.
   */
  fingerprint: string;
  /** Constant-time HMAC-SHA256 comparison, about a microsecond: safe to run on every request. */
  verifyBearer(candidate: string): boolean;
  /**
   * scrypt against the stored hash, off the event loop (libuv's pool) and one at a time; with
   * more than a few attempts queued, `busy` without computing anything.
   */
  verifyLogin(candidate: string): Promise<LoginVerdict>;
}

const FILE = 'admin-token.json';
const MAX_TOKEN_LENGTH = 512;
const MAX_QUEUED_LOGINS = 4;

function scryptAsync(token: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(token, salt, 32, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function hmac(key: Buffer, token: string): Buffer {
  return createHmac('sha256', key).update(token).digest();
}

function record(token: string, source: StoredToken['source']): StoredToken {
  const salt = randomBytes(16);
  const stored: StoredToken = {
    version: 2,
    source,
    salt: salt.toString('base64'),
    hash: scryptSync(token, salt, 32).toString('base64'),
  };
  if (source === 'generated') {
    const key = randomBytes(32);
    stored.bearerKey = key.toString('base64');
    stored.bearerDigest = hmac(key, token).toString('base64');
  }
  return stored;
}

/** The stored record, upgrading a version-1 file (scrypt only) to a generated one without a bearer check yet. */
function readStored(path: string): StoredToken | undefined {
  const raw = readStateFile(path, 64 * 1024) as Partial<StoredToken> & { algorithm?: string };
  if (!raw || typeof raw.salt !== 'string' || typeof raw.hash !== 'string') return undefined;
  if (raw.version === 2 && (raw.source === 'generated' || raw.source === 'environment'))
    return raw as StoredToken;
  return raw.algorithm === 'scrypt'
    ? { version: 2, source: 'generated', salt: raw.salt, hash: raw.hash }
    : undefined;
}

function sameToken(stored: StoredToken, token: string): boolean {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = scryptSync(token, Buffer.from(stored.salt, 'base64'), 32);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Decides the record to use at start (writing it when it changes) and the token to print, if any. */
function resolveRecord(
  path: string,
  explicit: string | undefined,
): { stored: StoredToken; generated?: string } {
  const existing = readStored(path);
  if (explicit) {
    if (existing?.source === 'environment' && sameToken(existing, explicit)) return { stored: existing };
    const stored = record(explicit, 'environment');
    writeStateFileSync(path, stored);
    return { stored };
  }
  if (existing?.source === 'generated') return { stored: existing };
  // First start, or TIDELINE_ADMIN_TOKEN was set before and is not now: a new random token.
  const generated = randomBytes(24).toString('base64url');
  const stored = record(generated, 'generated');
  writeStateFileSync(path, stored);
  return { stored, generated };
}

/**
 * The admin credential. `explicit` (TIDELINE_ADMIN_TOKEN) wins; otherwise the generated token
 * whose hashes are in `stateDir`, or, on the first start, a new random token, returned once.
 * There is no default password.
 */
export function loadAdminToken(stateDir: string, explicit?: string): AdminToken {
  const path = join(stateDir, FILE);
  const { stored, generated } = resolveRecord(path, explicit);
  const salt = Buffer.from(stored.salt, 'base64');
  const expected = Buffer.from(stored.hash, 'base64');
  let bearer: { key: Buffer; digest: Buffer } | undefined;
  if (explicit) {
    const key = randomBytes(32);
    bearer = { key, digest: hmac(key, explicit) };
  } else if (stored.bearerKey && stored.bearerDigest) {
    bearer = {
      key: Buffer.from(stored.bearerKey, 'base64'),
      digest: Buffer.from(stored.bearerDigest, 'base64'),
    };
  }
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  const checkLogin = async (candidate: string): Promise<boolean> => {
    const ok = timingSafeEqual(await scryptAsync(candidate, salt), expected);
    if (ok && !bearer) {
      // A version-1 file: the login proved the token, so its bearer check can be derived now.
      const key = randomBytes(32);
      bearer = { key, digest: hmac(key, candidate) };
      writeStateFileSync(path, {
        ...stored,
        bearerKey: key.toString('base64'),
        bearerDigest: bearer.digest.toString('base64'),
      });
    }
    return ok;
  };
  return {
    generated,
    fingerprint: createHash('sha256').update(`${stored.salt}:${stored.hash}`).digest('hex'),
    verifyBearer(candidate: string): boolean {
      if (!bearer || !candidate || candidate.length > MAX_TOKEN_LENGTH) return false;
      return timingSafeEqual(hmac(bearer.key, candidate), bearer.digest);
    },
    async verifyLogin(candidate: string): Promise<LoginVerdict> {
      if (!candidate || candidate.length > MAX_TOKEN_LENGTH) return 'invalid';
      if (queued >= MAX_QUEUED_LOGINS) return 'busy';
      queued += 1;
      const run = queue.then(() => checkLogin(candidate));
      queue = run.catch(() => undefined);
      try {
        return (await run) ? 'valid' : 'invalid';
      } finally {
        queued -= 1;
      }
    },
  };
}
