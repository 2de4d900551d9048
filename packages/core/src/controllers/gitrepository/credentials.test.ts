import { describe, expect, it } from 'vitest';
import { decodeSecretData, resolveAuth } from './credentials.js';

describe('resolveAuth (fluxcd/pkg NewAuthOptions for HTTP)', () => {
  const url = 'https://git.example/r.git';

  it.each([
    ['no secret', undefined, { ok: true, url }],
    ['basic', { username: 'u', password: 'p' }, { ok: true, url, credentials: { kind: 'basic', username: 'u', password: 'p' } }],
    ['username only', { username: 'u' }, { ok: true, url, credentials: { kind: 'basic', username: 'u', password: '' } }],
    ['bearer', { bearerToken: 't' }, { ok: true, url, credentials: { kind: 'bearer', token: 't' } }],
    ['bearer and basic', { bearerToken: 't', username: 'u', password: 'p' }, { ok: false, message: 'failed to configure authentication options: basic auth and bearer token cannot be set at the same time' }],
    ['password alone', { password: 'p' }, { ok: false, message: "failed to configure authentication options: invalid 'https' auth option: 'password' requires 'username' to be set" }],
    ['unrelated keys', { 'ca.crt': 'x' }, { ok: true, url }],
  ])('%s', (_title, data, expected) => {
    expect(resolveAuth(url, data)).toEqual(expected);
  });

  it('moves URL userinfo out of the URL and lets the Secret win', () => {
    expect(resolveAuth('https://bob:pw@git.example/r.git', undefined)).toEqual({ ok: true, url, credentials: { kind: 'basic', username: 'bob', password: 'pw' } });
    expect(resolveAuth('https://bob:pw@git.example/r.git', { username: 'u', password: 'p' })).toMatchObject({ url, credentials: { username: 'u', password: 'p' } });
    expect(resolveAuth('https://bob@git.example/r.git', { bearerToken: 't' })).toMatchObject({ ok: false });
  });
});

describe('decodeSecretData', () => {
  it('base64-decodes every key', () => {
    expect(decodeSecretData({ data: { username: Buffer.from('ü').toString('base64') } })).toEqual({ username: 'ü' });
    expect(decodeSecretData({})).toEqual({});
  });
});
