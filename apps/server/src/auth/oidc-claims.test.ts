import { describe, expect, it } from 'vitest';
import { identityFromClaims } from './oidc-claims.js';

describe('identityFromClaims', () => {
  it.each([
    [
      'user and groups',
      { email: 'a@x', groups: ['team-a', 'ops'] },
      { user: 'a@x', groups: ['team-a', 'ops'] },
    ],
    ['one group as a string', { email: 'a@x', groups: 'team-a' }, { user: 'a@x', groups: ['team-a'] }],
    ['no groups claim', { email: 'a@x' }, { user: 'a@x', groups: [] }],
    ['repeated groups once', { email: 'a@x', groups: ['g', 'g'] }, { user: 'a@x', groups: ['g'] }],
    [
      "the cluster's own groups dropped",
      { email: 'a@x', groups: ['system:masters', 'g'] },
      { user: 'a@x', groups: ['g'] },
    ],
  ])('%s', (_what, claims, expected) => {
    expect(identityFromClaims(claims, 'email', 'groups')).toEqual(expected);
  });

  it.each([
    ['no user claim', { sub: 'x' }, /no "email" claim/],
    ['an empty user', { email: '' }, /no "email" claim/],
    ['a system: user', { email: 'system:admin' }, /not a user name/],
    ['groups that are not strings', { email: 'a@x', groups: [1] }, /not a list of group names/],
    [
      'too many groups',
      { email: 'a@x', groups: Array.from({ length: 201 }, (_, i) => `g${i}`) },
      /more than 200/,
    ],
  ])('refuses %s', (_what, claims, message) => {
    expect(() => identityFromClaims(claims, 'email', 'groups')).toThrow(message);
  });
});
