import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What is stored on disk: never the token, only a salted scrypt hash. */
interface StoredHash {
  algorithm: 'scrypt';
  salt: string;
  hash: string;
}

/** The outcome of {@link loadAdminToken}: a verifier, and the token when it was just generated. */
export interface AdminToken {
  verify(candidate: string): boolean;
  /** Set only on the first start, so the caller can print it once. */
  generated?: string;
}

const FILE = 'admin-token.json';

function hashToken(token: string, salt: Buffer): Buffer {
  return scryptSync(token, salt, 32);
}

/**
 * The admin credential. `explicit` (from TIDELINE_ADMIN_TOKEN) wins; otherwise the hash in
 * `stateDir` is used, or a new random token is generated, its hash stored, and the token
 * returned once. There is no default password.
 */
export function loadAdminToken(stateDir: string, explicit?: string): AdminToken {
  let stored: StoredHash;
  let generated: string | undefined;
  if (explicit) {
    const salt = randomBytes(16);
    stored = {
      algorithm: 'scrypt',
      salt: salt.toString('base64'),
      hash: hashToken(explicit, salt).toString('base64'),
    };
  } else if (existsSync(join(stateDir, FILE))) {
    stored = JSON.parse(readFileSync(join(stateDir, FILE), 'utf8')) as StoredHash;
  } else {
    generated = randomBytes(24).toString('base64url');
    const salt = randomBytes(16);
    stored = {
      algorithm: 'scrypt',
      salt: salt.toString('base64'),
      hash: hashToken(generated, salt).toString('base64'),
    };
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(stateDir, FILE), `${JSON.stringify(stored)}\n`, { mode: 0o600 });
  }
  const salt = Buffer.from(stored.salt, 'base64');
  const expected = Buffer.from(stored.hash, 'base64');
  // scrypt is deliberately slow; remember tokens already proven (by their sha256) so bearer calls stay cheap.
  const proven = new Set<string>();
  return {
    generated,
    verify(candidate: string): boolean {
      if (!candidate || candidate.length > 512) return false;
      const fingerprint = createHash('sha256').update(candidate).digest('hex');
      if (proven.has(fingerprint)) return true;
      const ok = timingSafeEqual(hashToken(candidate, salt), expected);
      if (ok) proven.add(fingerprint);
      return ok;
    },
  };
}
