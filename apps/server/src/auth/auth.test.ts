import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdminToken } from './admin-token.js';
import { LoginThrottle } from './login-throttle.js';
import { isSameOriginJson } from './request-auth.js';
import { readCookie, Sessions } from './sessions.js';

describe('admin token', () => {
  it('generates a token once, stores only a hash, and verifies it after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-'));
    const first = loadAdminToken(dir);
    expect(first.generated).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const second = loadAdminToken(dir);
    expect(second.generated).toBeUndefined();
    expect(second.verify(first.generated ?? '')).toBe(true);
    expect(second.verify('wrong')).toBe(false);
    expect(second.verify('')).toBe(false);
  });

  it('uses TIDELINE_ADMIN_TOKEN when given', () => {
    const token = loadAdminToken(mkdtempSync(join(tmpdir(), 'auth-')), 'explicit-token');
    expect(token.generated).toBeUndefined();
    expect(token.verify('explicit-token')).toBe(true);
  });
});

describe('sessions', () => {
  it('accepts its own unexpired sessions and rejects tampered or expired ones', () => {
    let now = 1_000_000;
    const sessions = new Sessions(mkdtempSync(join(tmpdir(), 'sess-')), 60_000, () => now);
    const value = sessions.issue();
    expect(sessions.verify(value)).toBe(true);
    expect(sessions.verify(`${value}x`)).toBe(false);
    expect(sessions.verify(`eyJleHAiOjk5OTk5OTk5OTk5OTl9.${value.split('.')[1]}`)).toBe(false);
    now += 61_000;
    expect(sessions.verify(value)).toBe(false);
  });

  it('sets HttpOnly SameSite=Strict cookies', () => {
    const sessions = new Sessions(mkdtempSync(join(tmpdir(), 'sess-')));
    expect(sessions.cookie('v', false)).toMatch(/HttpOnly; SameSite=Strict/);
    expect(sessions.cookie('v', true)).toMatch(/; Secure$/);
    expect(readCookie('a=1; tideline_session=abc.def; b=2', 'tideline_session')).toBe('abc.def');
  });
});

describe('CSRF rule', () => {
  const req = (headers: Record<string, string>, method = 'POST') => ({ headers, method });
  it.each([
    [{ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000', 'content-type': 'application/json' }, true],
    [{ origin: 'http://evil.example', host: '127.0.0.1:3000', 'content-type': 'application/json' }, false],
    [
      {
        origin: 'http://127.0.0.1:3000',
        host: '127.0.0.1:3000',
        'content-type': 'application/x-www-form-urlencoded',
      },
      false,
    ],
    [{ host: '127.0.0.1:3000', 'content-type': 'application/json' }, false],
    [{ origin: 'null', host: '127.0.0.1:3000', 'content-type': 'application/json' }, false],
  ])('%j → %s', (headers, ok) => expect(isSameOriginJson(req(headers))).toBe(ok));
});

describe('login throttle', () => {
  it('refuses after too many failures and forgives after the window', () => {
    let now = 0;
    const throttle = new LoginThrottle(3, 1000, () => now);
    for (let i = 0; i < 3; i++) throttle.fail('1.2.3.4');
    expect(throttle.allowed('1.2.3.4')).toBe(false);
    expect(throttle.allowed('5.6.7.8')).toBe(true);
    now = 2000;
    expect(throttle.allowed('1.2.3.4')).toBe(true);
  });
});
