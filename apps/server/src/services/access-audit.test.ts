import { describe, expect, it } from 'vitest';
import type { AuditEntryDto } from '../api/dto.js';
import { ADMIN_ACCESS } from '../auth/access.js';
import type { Principal } from '../auth/principal.js';
import { accessEntry, mayReadAccessEntry, tokenDetail } from './access-audit.js';

const AT = new Date('2026-12-08T00:00:00.000Z');
const entry = (who: string): AuditEntryDto =>
  accessEntry({ action: 'sign-in', who, from: '10.0.0.1', outcome: 'ok', detail: 'OIDC' }, AT);
const user = (name: string, everywhere?: 'viewer' | 'admin'): Principal => ({
  subject: name,
  access: { ...(everywhere ? { everywhere } : {}), namespaces: new Map([['team-a', 'operator']]) },
  impersonate: { user: name, groups: [] },
  via: 'session',
});

describe('accessEntry', () => {
  it('is an entry about no object, with the time, and nothing it was not given', () => {
    expect(entry('alice')).toEqual({
      at: '2026-12-08T00:00:00.000Z',
      who: 'alice',
      action: 'sign-in',
      objectId: '',
      outcome: 'ok',
      from: '10.0.0.1',
      detail: 'OIDC',
    });
    expect(
      accessEntry({ action: 'sign-out', who: 'bob', from: '::1', outcome: 'ok' }, AT),
    ).not.toHaveProperty('detail');
  });
});

describe('tokenDetail', () => {
  it.each([
    [{ id: 'ab12', name: 'ci', role: 'viewer' as const }, 'token ab12 "ci" (viewer)'],
    [
      { id: 'cd34', name: 'deploy "prod"', role: 'operator' as const, namespaces: ['team-a', 'team-b'] },
      'token cd34 "deploy \\"prod\\"" (operator in team-a, team-b)',
    ],
  ])('%j → %s', (token, expected) => {
    expect(tokenDetail(token)).toBe(expected);
  });
});

describe('mayReadAccessEntry', () => {
  it.each([
    [
      'the break-glass admin, anyone’s',
      { subject: 'admin', access: ADMIN_ACCESS, via: 'bearer' } as Principal,
      'alice',
      true,
    ],
    ['an admin everywhere, anyone’s', user('carol', 'admin'), 'alice', true],
    ['a user, their own', user('alice'), 'alice', true],
    ['a user, someone else’s', user('alice', 'viewer'), 'bob', false],
  ])('%s → %s', (_what, principal, who, expected) => {
    expect(mayReadAccessEntry(principal, entry(who))).toBe(expected);
  });
});
