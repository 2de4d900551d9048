import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdminToken } from './admin-token.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'admin-token-'));

describe('admin token', () => {
  it('generates a token once, stores only hashes (0600), and verifies it after a restart', async () => {
    const state = dir();
    const first = loadAdminToken(state);
    expect(first.generated).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const file = readFileSync(join(state, 'admin-token.json'), 'utf8');
    expect(file).not.toContain(first.generated);
    expect(statSync(join(state, 'admin-token.json')).mode & 0o777).toBe(0o600);
    const second = loadAdminToken(state);
    expect(second.generated).toBeUndefined();
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(await second.verifyLogin(first.generated ?? '')).toBe('valid');
    expect(second.verifyBearer(first.generated ?? '')).toBe(true);
    expect(await second.verifyLogin('wrong')).toBe('invalid');
    expect(second.verifyBearer('wrong')).toBe(false);
    expect(second.verifyBearer('')).toBe(false);
    expect(second.verifyBearer('x'.repeat(513))).toBe(false);
  });

  it('uses TIDELINE_ADMIN_TOKEN without writing anything that checks it fast', async () => {
    const state = dir();
    const token = loadAdminToken(state, 'explicit-token-0123');
    expect(token.generated).toBeUndefined();
    expect(token.verifyBearer('explicit-token-0123')).toBe(true);
    expect(await token.verifyLogin('explicit-token-0123')).toBe('valid');
    const stored = JSON.parse(readFileSync(join(state, 'admin-token.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(stored).not.toHaveProperty('bearerDigest');
    expect(JSON.stringify(stored)).not.toContain('explicit-token-0123');
  });

  it('keeps the fingerprint while the token stays, and changes it when the token changes', () => {
    const state = dir();
    const a = loadAdminToken(state, 'explicit-token-aaaa');
    expect(loadAdminToken(state, 'explicit-token-aaaa').fingerprint).toBe(a.fingerprint);
    const b = loadAdminToken(state, 'explicit-token-bbbb');
    expect(b.fingerprint).not.toBe(a.fingerprint);
    expect(b.verifyBearer('explicit-token-aaaa')).toBe(false);
    // Unsetting the variable mints a new random token: the old one no longer works.
    const generated = loadAdminToken(state);
    expect(generated.generated).toBeDefined();
    expect(generated.fingerprint).not.toBe(b.fingerprint);
    expect(generated.verifyBearer('explicit-token-bbbb')).toBe(false);
  });

  it('checks a bearer token in microseconds, never with scrypt', () => {
    const token = loadAdminToken(dir(), 'explicit-token-0123');
    const started = process.hrtime.bigint();
    for (let i = 0; i < 1000; i++) token.verifyBearer(`wrong-${i}`);
    const perCallUs = Number(process.hrtime.bigint() - started) / 1000 / 1000;
    // One scrypt (N=16384, r=8) alone takes tens of milliseconds.
    expect(perCallUs).toBeLessThan(200);
  });

  it('runs login checks one at a time and answers busy when too many queue up', async () => {
    const token = loadAdminToken(dir(), 'explicit-token-0123');
    const verdicts = await Promise.all(Array.from({ length: 8 }, () => token.verifyLogin('wrong')));
    expect(verdicts.filter((v) => v === 'invalid')).toHaveLength(4);
    expect(verdicts.filter((v) => v === 'busy')).toHaveLength(4);
  });

  it('upgrades a version-1 file (scrypt only): bearer works once a login proved the token', async () => {
    const state = dir();
    const salt = randomBytes(16);
    const legacy = 'legacy-token-0123456789';
    writeFileSync(
      join(state, 'admin-token.json'),
      JSON.stringify({
        algorithm: 'scrypt',
        salt: salt.toString('base64'),
        hash: scryptSync(legacy, salt, 32).toString('base64'),
      }),
    );
    const before = loadAdminToken(state);
    expect(before.generated).toBeUndefined();
    expect(before.verifyBearer(legacy)).toBe(false);
    expect(await before.verifyLogin(legacy)).toBe('valid');
    expect(before.verifyBearer(legacy)).toBe(true);
    const after = loadAdminToken(state);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(after.verifyBearer(legacy)).toBe(true);
  });
});
