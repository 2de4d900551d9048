import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiTokens } from './api-tokens.js';

describe('ApiTokens', () => {
  it('stores only a verifier (0600), verifies in constant time, survives a restart, and revokes at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-tokens-'));
    const tokens = new ApiTokens(dir);
    // Secrets with `_` and `-` in them (base64url) verify too: make enough that some do.
    for (let i = 0; i < 50; i++) {
      const made = tokens.create({ name: `t${i}`, role: 'viewer' });
      expect(tokens.verify(made.token)?.id).toBe(made.info.id);
      tokens.revoke(made.info.id);
    }
    const { token, info } = tokens.create({ name: 'ci', role: 'operator', namespaces: ['team-a'] });
    expect(token).toMatch(/^tl_[0-9a-f]{18}_[\w-]{32}$/);
    const file = join(dir, 'api-tokens.json');
    expect(readFileSync(file, 'utf8')).not.toContain(token.slice(22));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(tokens.verify(token)).toEqual(info);
    expect(tokens.verify(`${token}x`)).toBeUndefined();
    expect(tokens.verify(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeUndefined();
    expect(tokens.verify('tl_nope_nope')).toBeUndefined();
    expect(tokens.list()).toEqual([info]);
    expect(JSON.stringify(tokens.list())).not.toContain('digest');

    const restarted = new ApiTokens(dir);
    expect(restarted.verify(token)?.name).toBe('ci');
    expect(restarted.revoke(info.id)).toBe(true);
    expect(restarted.verify(token)).toBeUndefined();
    expect(new ApiTokens(dir).verify(token)).toBeUndefined();
  });
});
