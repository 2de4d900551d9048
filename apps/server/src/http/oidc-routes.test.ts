import { describe, expect, it } from 'vitest';
import { localPath } from './oidc-routes.js';

describe('localPath', () => {
  it.each([
    ['/graph?focus=x', '/graph?focus=x'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/login?next=/x', '/'],
    ['/logins', '/logins'],
  ])('%j → %j', (next, expected) => expect(localPath(next)).toBe(expected));
});
