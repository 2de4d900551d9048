import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAccess, roleIn } from './access.js';
import { AccessPolicy, parseAccessPolicy } from './access-policy.js';
import { openAuth } from './open-auth.js';

describe('parseAccessPolicy', () => {
  it('reads YAML grants', () => {
    expect(
      parseAccessPolicy(`
grants:
  - role: operator
    groups: [team-a]
    namespaces: [team-a]
  - role: admin
    users: ["alice@example.com"]
`),
    ).toEqual([
      { role: 'operator', groups: ['team-a'], namespaces: ['team-a'] },
      { role: 'admin', users: ['alice@example.com'] },
    ]);
    expect(parseAccessPolicy('')).toEqual([]);
  });

  it.each([
    ['an unknown role', 'grants: [{role: root, users: [a]}]', /grants\.0\.role/],
    ['a grant naming nobody', 'grants: [{role: viewer}]', /names no user and no group/],
    [
      'an empty namespace list (would read as "everywhere" if allowed)',
      'grants: [{role: viewer, users: [a], namespaces: []}]',
      /namespaces/,
    ],
    ['a misspelt field', 'grants: [{role: viewer, user: [a]}]', /grants\.0/],
    [
      'a bad namespace name',
      'grants: [{role: viewer, users: [a], namespaces: ["Team A"]}]',
      /namespace name/,
    ],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseAccessPolicy(text)).toThrow(message);
  });
});

describe('a policy change', () => {
  it("ends the sessions of the users whose role changed, and keeps a broken edit's previous grants", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'access-policy-'));
    const file = join(dir, 'access.yaml');
    writeFileSync(
      file,
      'grants: [{role: operator, users: [bob], namespaces: [team-a]}, {role: viewer, users: [ann]}]',
    );
    const lines: string[] = [];
    const policy = await AccessPolicy.open(file, (line) => lines.push(line), 50);
    const auth = openAuth({ stateDir: dir, adminToken: 'a'.repeat(32), policy });
    const req = { headers: {}, socket: { remoteAddress: '127.0.0.1' } } as never;
    const cookieOf = (identity: { user: string; groups: string[] }): string =>
      auth.authenticator.openSession(req, identity).split(';')[0] ?? '';
    const bob = cookieOf({ user: 'bob', groups: [] });
    const ann = cookieOf({ user: 'ann', groups: [] });
    const check = (cookie: string) =>
      auth.authenticator.authenticate({
        headers: { cookie },
        socket: { remoteAddress: '127.0.0.1' },
      } as never);
    const bobSession = check(bob);
    expect(bobSession.status).toBe('authenticated');
    const ends = bobSession.status === 'authenticated' ? bobSession.principal.sessionEnds?.() : undefined;

    writeFileSync(
      file,
      'grants: [{role: viewer, users: [bob], namespaces: [team-a]}, {role: viewer, users: [ann]}]',
    );
    await policy.reload();
    expect(check(bob).status).toBe('anonymous');
    expect(ends?.aborted).toBe(true);
    expect(check(ann).status).toBe('authenticated');

    writeFileSync(file, 'grants: [{role: god, users: [ann]}]');
    await policy.reload();
    expect(lines.at(-1)).toMatch(/not applied \(the previous grants stay\)/);
    expect(roleIn(resolveAccess(policy.grants(), { user: 'ann', groups: [] }), 'x')).toBe('viewer');
    expect(check(ann).status).toBe('authenticated');
    policy.close();
    auth.close();
  });
});
