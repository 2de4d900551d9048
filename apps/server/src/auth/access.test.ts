import { describe, expect, it } from 'vitest';
import {
  accessKey,
  canSee,
  hasAnyRole,
  narrowAccess,
  resolveAccess,
  roleIn,
  visibleNamespaces,
  type Grant,
} from './access.js';

const grants: Grant[] = [
  { role: 'admin', groups: ['platform'] },
  { role: 'operator', groups: ['team-a'], namespaces: ['team-a'] },
  { role: 'viewer', users: ['carol'], namespaces: ['team-a', 'team-b'] },
  { role: 'viewer', groups: ['auditors'] },
];

describe('resolveAccess', () => {
  it.each([
    // user, groups, namespace, expected role there
    ['alice', ['platform'], 'anything', 'admin'],
    ['bob', ['team-a'], 'team-a', 'operator'],
    ['bob', ['team-a'], 'team-b', undefined],
    ['bob', ['team-a'], 'flux-system', undefined],
    ['carol', [], 'team-b', 'viewer'],
    ['carol', ['team-a'], 'team-a', 'operator'],
    ['dave', ['auditors', 'team-a'], 'team-a', 'operator'],
    ['dave', ['auditors', 'team-a'], 'flux-system', 'viewer'],
    ['eve', ['strangers'], 'team-a', undefined],
    // A user name never matches a group of the same name, nor the reverse.
    ['team-a', [], 'team-a', undefined],
  ] as const)('%s in %j: %s → %s', (user, groups, namespace, expected) => {
    expect(roleIn(resolveAccess(grants, { user, groups }), namespace)).toBe(expected);
  });

  it('lists the namespaces of a namespaced caller, and none for one who sees everything', () => {
    expect(visibleNamespaces(resolveAccess(grants, { user: 'carol', groups: ['team-a'] }))).toEqual([
      'team-a',
      'team-b',
    ]);
    expect(visibleNamespaces(resolveAccess(grants, { user: 'x', groups: ['auditors'] }))).toBeUndefined();
  });

  it('gives a stranger no role at all', () => {
    const access = resolveAccess(grants, { user: 'eve', groups: [] });
    expect(hasAnyRole(access)).toBe(false);
    expect(canSee(access, 'default')).toBe(false);
  });
});

describe('narrowAccess', () => {
  const admin = resolveAccess(grants, { user: 'alice', groups: ['platform'] });
  const bob = resolveAccess(grants, { user: 'bob', groups: ['team-a'] });
  it.each([
    ['an admin token scoped to viewer in team-b', admin, 'viewer', ['team-b'], 'team-b', 'viewer'],
    [
      'an admin token scoped to viewer in team-b, elsewhere',
      admin,
      'viewer',
      ['team-b'],
      'team-a',
      undefined,
    ],
    ['an admin token for operator everywhere', admin, 'operator', undefined, 'x', 'operator'],
    ['an operator asking for admin in its namespace', bob, 'admin', ['team-a'], 'team-a', 'operator'],
    ['an operator asking for a namespace it lacks', bob, 'viewer', ['team-b'], 'team-b', undefined],
    ['an operator asking for everything', bob, 'admin', undefined, 'team-a', 'operator'],
    ['an operator asking for everything, elsewhere', bob, 'admin', undefined, 'team-b', undefined],
  ] as const)('%s', (_what, owner, role, namespaces, namespace, expected) => {
    expect(roleIn(narrowAccess(owner, role, namespaces), namespace)).toBe(expected);
  });
});

describe('accessKey', () => {
  it('is the same for the same rights in any order, and differs when a role changes', () => {
    const a = resolveAccess(grants, { user: 'carol', groups: ['team-a'] });
    const b = resolveAccess([...grants].reverse(), { user: 'carol', groups: ['team-a'] });
    expect(accessKey(a)).toBe(accessKey(b));
    const demoted = resolveAccess(grants.slice(2), { user: 'carol', groups: ['team-a'] });
    expect(accessKey(demoted)).not.toBe(accessKey(a));
  });
});
