import { describe, expect, it } from 'vitest';
import { ssoFailureMessage } from './sso-failure';

describe('ssoFailureMessage', () => {
  it.each([
    [null, null],
    ['no-role', /no Tideline role/],
    ['state', /Sign in again/],
    ['used', /already used/],
    ['claims', /who you are/],
    ['throttled', /Too many refused sign-ins/],
    ['unreachable', /could not sign you in/],
    ['provider', /could not sign you in/],
    ['<script>', /could not sign you in/],
  ] as const)('%s', (code, expected) => {
    const message = ssoFailureMessage(code);
    if (expected === null) expect(message).toBeNull();
    else expect(message).toMatch(expected);
  });
});
