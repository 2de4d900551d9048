import { describe, expect, it } from 'vitest';
import { loginHref, safeNextPath } from './login-redirect';

describe('safeNextPath', () => {
  it.each([
    [null, '/'],
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['/graph', '/graph'],
    ['/?kind=Kustomization&namespace=flux-system', '/?kind=Kustomization&namespace=flux-system'],
    ['/objects/Kustomization/flux-system/apps', '/objects/Kustomization/flux-system/apps'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/\t/evil.example', '/'],
    ['/login', '/'],
    ['/login?next=/graph', '/'],
  ])('%s → %s', (raw, expected) => expect(safeNextPath(raw)).toBe(expected));
});

describe('loginHref', () => {
  it.each([
    ['/', '/login'],
    ['/graph', '/login?next=%2Fgraph'],
    ['/?kind=Kustomization', '/login?next=%2F%3Fkind%3DKustomization'],
    ['/login', '/login'],
  ])('%s → %s', (path, expected) => expect(loginHref(path)).toBe(expected));
});
