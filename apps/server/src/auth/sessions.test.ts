import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCookie, Sessions } from './sessions.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'sessions-'));

describe('sessions', () => {
  it('accepts its own live sessions; a tampered cookie is forged, an expired one is just gone', () => {
    let now = 1_000_000;
    const sessions = new Sessions(dir(), { credential: 'c1', ttlMs: 60_000, now: () => now });
    const { value } = sessions.issue();
    expect(sessions.check(value).status).toBe('valid');
    expect(sessions.check(`${value}x`).status).toBe('forged');
    expect(sessions.check(`x${value}`).status).toBe('forged');
    expect(sessions.check(`${value}.extra`).status).toBe('forged');
    expect(sessions.check(undefined).status).toBe('none');
    now += 61_000;
    expect(sessions.check(value).status).toBe('none');
  });

  it('stores sessions server-side (ids hashed, 0600), so they survive a restart and revocation is final', () => {
    const state = dir();
    const first = new Sessions(state, { credential: 'c1' });
    const a = first.issue().value;
    const b = first.issue().value;
    const file = readFileSync(join(state, 'sessions.json'), 'utf8');
    expect(file).not.toContain(a.split('.')[0]);
    expect(statSync(join(state, 'sessions.json')).mode & 0o777).toBe(0o600);
    const id = (v: string) => (first.check(v) as { id: string }).id;
    first.revoke(id(a));
    expect(first.check(a).status).toBe('none');
    const restarted = new Sessions(state, { credential: 'c1' });
    expect(restarted.check(a).status).toBe('none');
    expect(restarted.check(b).status).toBe('valid');
    expect(restarted.endedAtStart).toBe(0);
  });

  it('ends every session when the admin token (its fingerprint) changes', () => {
    const state = dir();
    const first = new Sessions(state, { credential: 'token-1' });
    const a = first.issue().value;
    first.issue();
    const next = new Sessions(state, { credential: 'token-2' });
    expect(next.endedAtStart).toBe(2);
    expect(next.check(a).status).toBe('none');
    expect(next.size).toBe(0);
  });

  it('signals the end of a session on revocation and on expiry', async () => {
    const sessions = new Sessions(dir(), { credential: 'c', ttlMs: 200 });
    const a = sessions.check(sessions.issue().value) as { id: string };
    const b = sessions.check(sessions.issue().value) as { id: string };
    const revoked = sessions.endSignal(a.id);
    expect(sessions.endSignal(a.id)).toBe(revoked);
    expect(revoked.aborted).toBe(false);
    sessions.revoke(a.id);
    expect(revoked.aborted).toBe(true);
    const expiring = sessions.endSignal(b.id);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(expiring.aborted).toBe(true);
    expect(sessions.endSignal('unknown').aborted).toBe(true);
    sessions.close();
  });

  it('ends a session left unused for idleMs, while one in use lives on up to its expiry', () => {
    let now = 1_000_000;
    const sessions = new Sessions(dir(), { credential: 'c', ttlMs: 10_000, idleMs: 3_000, now: () => now });
    const used = sessions.issue().value;
    const idle = sessions.issue().value;
    for (let i = 0; i < 3; i++) {
      now += 2_500;
      expect(sessions.check(used).status).toBe('valid');
    }
    expect(sessions.check(idle).status).toBe('none');
    now += 2_500; // 10,000 after sign-in: expired, however busy.
    expect(sessions.check(used).status).toBe('none');
  });

  it('keeps last use across a restart (written on close), and an idle session does not come back', () => {
    const state = dir();
    let now = 1_000_000;
    const first = new Sessions(state, { credential: 'c', idleMs: 3_000, now: () => now });
    const used = first.issue().value;
    const idle = first.issue().value;
    now += 2_000;
    expect(first.check(used).status).toBe('valid');
    first.close();
    now += 2_000;
    const restarted = new Sessions(state, { credential: 'c', idleMs: 3_000, now: () => now });
    expect(restarted.check(used).status).toBe('valid');
    expect(restarted.check(idle).status).toBe('none');
    expect(restarted.size).toBe(1);
    restarted.close();
  });

  it('signals the end of an idle session, not of one used meanwhile', async () => {
    const sessions = new Sessions(dir(), { credential: 'c', idleMs: 150 });
    const usedValue = sessions.issue().value;
    const used = sessions.check(usedValue) as { id: string };
    const idle = sessions.check(sessions.issue().value) as { id: string };
    const usedEnds = sessions.endSignal(used.id);
    const idleEnds = sessions.endSignal(idle.id);
    const keepUsing = setInterval(() => sessions.check(usedValue), 50);
    try {
      await new Promise((r) => setTimeout(r, 400));
      expect(idleEnds.aborted).toBe(true);
      expect(usedEnds.aborted).toBe(false);
    } finally {
      clearInterval(keepUsing);
    }
    await new Promise((r) => setTimeout(r, 400));
    expect(usedEnds.aborted).toBe(true);
    sessions.close();
  });

  it('keeps at most maxSessions: the oldest ends first', () => {
    const sessions = new Sessions(dir(), { credential: 'c', maxSessions: 3 });
    const values = Array.from({ length: 5 }, () => sessions.issue().value);
    expect(sessions.size).toBe(3);
    expect(values.map((v) => sessions.check(v).status)).toEqual(['none', 'none', 'valid', 'valid', 'valid']);
  });

  it('lists live sessions by a handle that is not the cookie id, and shows no ended ones', () => {
    let now = 1_000_000;
    const state = dir();
    const sessions = new Sessions(state, { credential: 'c', ttlMs: 60_000, now: () => now });
    const admin = sessions.issue().value;
    now += 1_000;
    const bob = sessions.issue({ user: 'bob', groups: ['dev'] }, 'k').value;
    now += 500;
    sessions.check(admin);
    const listed = sessions.list();
    expect(listed).toEqual([
      { handle: expect.any(String), createdAt: 1_000_000, lastSeenAt: 1_001_500, expiresAt: 1_060_000 },
      {
        handle: expect.any(String),
        identity: { user: 'bob', groups: ['dev'] },
        createdAt: 1_001_000,
        lastSeenAt: 1_001_000,
        expiresAt: 1_061_000,
      },
    ]);
    const ids = [admin, bob].map((v) => v.split('.')[0] ?? '');
    for (const { handle } of listed) {
      expect(handle).toMatch(/^[0-9a-f]{64}$/);
      for (const id of ids) expect(handle).not.toContain(id);
    }
    expect(listed.map((s) => s.handle)).toEqual(
      [admin, bob].map((v) => (sessions.check(v) as { handle: string }).handle),
    );
    now += 59_000; // the admin session expired, bob's has 500 ms left
    expect(sessions.list().map((s) => s.identity?.user)).toEqual(['bob']);
  });

  it('revokeHandle ends that session and only it: its streams close, its cookie is dead after a restart', () => {
    const state = dir();
    const sessions = new Sessions(state, { credential: 'c' });
    const a = sessions.issue({ user: 'alice', groups: [] }, 'k').value;
    const b = sessions.issue().value;
    const checkA = sessions.check(a) as { id: string; handle: string };
    const ends = sessions.endSignal(checkA.id);
    expect(sessions.revokeHandle('0'.repeat(64))).toBe(false);
    expect(ends.aborted).toBe(false);
    expect(sessions.revokeHandle(checkA.handle)).toBe(true);
    expect(ends.aborted).toBe(true);
    expect(sessions.revokeHandle(checkA.handle)).toBe(false);
    expect(sessions.check(a).status).toBe('none');
    expect(sessions.check(b).status).toBe('valid');
    sessions.close();
    const restarted = new Sessions(state, { credential: 'c' });
    expect(restarted.check(a).status).toBe('none');
    expect(restarted.check(b).status).toBe('valid');
  });

  it('sets HttpOnly SameSite=Strict cookies, Secure behind TLS', () => {
    const sessions = new Sessions(dir(), { credential: 'c' });
    expect(sessions.cookie('v', false)).toMatch(/HttpOnly; SameSite=Strict/);
    expect(sessions.cookie('v', true)).toMatch(/; Secure$/);
    expect(sessions.clearCookie(false)).toMatch(/Max-Age=0/);
    expect(readCookie('a=1; tideline_session=abc.def; b=2', 'tideline_session')).toBe('abc.def');
  });
});
