import { describe, expect, it } from 'vitest';
import { needsLogin } from './page-guard.js';
import { contentSecurityPolicy } from './security-headers.js';

describe('page guard', () => {
  it.each([
    ['/', false, true],
    ['/graph', false, true],
    ['/objects/Kustomization/flux-system/apps', false, true],
    ['/login', false, false],
    ['/loginx', false, true],
    ['/_next/static/chunk.js', false, false],
    ['/', true, false],
  ])('%s (logged in: %s) → redirect %s', (path, authed, redirect) =>
    expect(needsLogin(path, authed)).toBe(redirect),
  );
});

describe('content security policy', () => {
  it('allows scripts only by nonce and loads nothing from elsewhere', () => {
    const csp = contentSecurityPolicy('abc');
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:/);
  });
});
