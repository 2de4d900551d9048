import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import type { Identity } from './access.js';
import type { Role } from './roles.js';
import { readStateFile, writeStateFileSync } from './state-file.js';

/** Every API token starts so (secret scanners and logs can tell it from the admin token). */
export const API_TOKEN_PREFIX = 'tl_';
const MAX_TOKENS = 1000;

/** An API token as listed: never its value or verifier. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  /** Whose rights it narrows: an OIDC identity, or the break-glass admin (`undefined`). */
  owner?: Identity;
  role: Role;
  /** Absent: every namespace the owner has. */
  namespaces?: string[];
  createdAt: string;
}

interface StoredToken extends ApiTokenInfo {
  /** HMAC-SHA256 of the secret part under the file's key (base64). */
  digest: string;
}

interface StoredTokens {
  key: string;
  tokens: StoredToken[];
}

/**
 * API tokens for people and automation: `tl_<id>_<secret>` (192 random bits), stored as an
 * HMAC verifier like the admin token's (never the value), checked in constant time, listed and
 * revoked by id. Kept in `<state>/api-tokens.json` (0600).
 */
export class ApiTokens {
  private readonly file: string;
  private readonly key: Buffer;
  private readonly tokens = new Map<string, StoredToken>();

  constructor(
    stateDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = join(stateDir, 'api-tokens.json');
    const stored = readStateFile(this.file, (MAX_TOKENS + 1) * 16_384) as StoredTokens | undefined;
    this.key = stored?.key ? Buffer.from(stored.key, 'base64') : randomBytes(32);
    for (const t of Array.isArray(stored?.tokens) ? stored.tokens : []) this.tokens.set(t.id, t);
    if (!stored) this.save();
  }

  /** Makes a token; resolves its value, shown once. */
  create(info: Omit<ApiTokenInfo, 'id' | 'createdAt'>): { token: string; info: ApiTokenInfo } {
    if (this.tokens.size >= MAX_TOKENS)
      throw new Error(`at most ${MAX_TOKENS} API tokens: revoke some first`);
    // Hex: the id never holds the `_` that ends it (base64url may).
    const id = randomBytes(9).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    const record: StoredToken = {
      ...info,
      id,
      createdAt: this.now().toISOString(),
      digest: this.digest(secret),
    };
    this.tokens.set(id, record);
    this.save();
    return { token: `${API_TOKEN_PREFIX}${id}_${secret}`, info: publicInfo(record) };
  }

  /** The token a bearer value is, or undefined (wrong, revoked, or not an API token). */
  verify(value: string): ApiTokenInfo | undefined {
    if (!value.startsWith(API_TOKEN_PREFIX)) return undefined;
    const rest = value.slice(API_TOKEN_PREFIX.length);
    const cut = rest.indexOf('_');
    const [id, secret] = cut > 0 ? [rest.slice(0, cut), rest.slice(cut + 1)] : ['', ''];
    const record = this.tokens.get(id);
    if (!record || !secret) return undefined;
    const expected = Buffer.from(record.digest, 'base64');
    const given = Buffer.from(this.digest(secret), 'base64');
    return expected.length === given.length && timingSafeEqual(expected, given)
      ? publicInfo(record)
      : undefined;
  }

  /** Every token, newest first. */
  list(): ApiTokenInfo[] {
    return [...this.tokens.values()].map(publicInfo).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** One token's listing. */
  get(id: string): ApiTokenInfo | undefined {
    const record = this.tokens.get(id);
    return record ? publicInfo(record) : undefined;
  }

  /** Revokes a token at once; resolves whether it existed. */
  revoke(id: string): boolean {
    const existed = this.tokens.delete(id);
    if (existed) this.save();
    return existed;
  }

  private digest(secret: string): string {
    return createHmac('sha256', this.key).update(secret).digest('base64');
  }

  private save(): void {
    const stored: StoredTokens = { key: this.key.toString('base64'), tokens: [...this.tokens.values()] };
    writeStateFileSync(this.file, stored);
  }
}

function publicInfo(record: StoredToken): ApiTokenInfo {
  const { digest: _digest, ...info } = record;
  return info;
}
