import { generateSshKeyPair } from '../../testing/sandbox.js';
import { describe, expect, it } from 'vitest';
import { decodeSecretData, resolveAuth } from './credentials.js';

describe('resolveAuth (fluxcd/pkg NewAuthOptions for HTTP)', () => {
  const url = 'https://git.example/r.git';

  it.each([
    ['no secret', undefined, { ok: true, url }],
    [
      'basic',
      { username: 'u', password: 'p' },
      { ok: true, url, credentials: { kind: 'basic', username: 'u', password: 'p' } },
    ],
    [
      'username only',
      { username: 'u' },
      { ok: true, url, credentials: { kind: 'basic', username: 'u', password: '' } },
    ],
    ['bearer', { bearerToken: 't' }, { ok: true, url, credentials: { kind: 'bearer', token: 't' } }],
    [
      'bearer and basic',
      { bearerToken: 't', username: 'u', password: 'p' },
      {
        ok: false,
        message:
          'failed to configure authentication options: basic auth and bearer token cannot be set at the same time',
      },
    ],
    [
      'password alone',
      { password: 'p' },
      {
        ok: false,
        message:
          "failed to configure authentication options: invalid 'https' auth option: 'password' requires 'username' to be set",
      },
    ],
    ['unrelated keys', { known_hosts: 'x' }, { ok: true, url }],
    ['ca.crt', { 'ca.crt': 'CA' }, { ok: true, url, transport: { tls: { caPem: 'CA' } } }],
    ['legacy caFile', { caFile: 'OLD' }, { ok: true, url, transport: { tls: { caPem: 'OLD' } } }],
    [
      'ca.crt wins over caFile',
      { 'ca.crt': 'CA', caFile: 'OLD' },
      { ok: true, url, transport: { tls: { caPem: 'CA' } } },
    ],
    [
      'client certificate',
      { 'tls.crt': 'C', 'tls.key': 'K' },
      { ok: true, url, transport: { tls: { certPem: 'C', keyPem: 'K' } } },
    ],
    ['tls.crt without tls.key is ignored', { 'tls.crt': 'C' }, { ok: true, url }],
    [
      'basic with mTLS and a CA',
      { username: 'u', password: 'p', 'ca.crt': 'CA', 'tls.crt': 'C', 'tls.key': 'K' },
      {
        ok: true,
        url,
        credentials: { kind: 'basic', username: 'u', password: 'p' },
        transport: { tls: { caPem: 'CA', certPem: 'C', keyPem: 'K' } },
      },
    ],
    [
      'bearer with a CA',
      { bearerToken: 't', 'ca.crt': 'CA' },
      { ok: true, url, credentials: { kind: 'bearer', token: 't' }, transport: { tls: { caPem: 'CA' } } },
    ],
  ])('%s', (_title, data, expected) => {
    expect(resolveAuth(url, data)).toEqual(expected);
  });

  it('moves URL userinfo out of the URL and lets the Secret win', () => {
    expect(resolveAuth('https://bob:pw@git.example/r.git', undefined)).toEqual({
      ok: true,
      url,
      credentials: { kind: 'basic', username: 'bob', password: 'pw' },
    });
    expect(resolveAuth('https://bob:pw@git.example/r.git', { username: 'u', password: 'p' })).toMatchObject({
      url,
      credentials: { username: 'u', password: 'p' },
    });
    expect(resolveAuth('https://bob@git.example/r.git', { bearerToken: 't' })).toMatchObject({ ok: false });
  });
});

describe('resolveAuth (fluxcd/pkg NewAuthOptions for SSH)', () => {
  const url = 'ssh://git@git.example:2222/r.git';
  const plainKey = generateSshKeyPair('k').privateKey;
  const encryptedKey = generateSshKeyPair('k', 'key-pass').privateKey;
  const hosts = '[git.example]:2222 ssh-ed25519 AAAA';

  it.each([
    [
      'no secret',
      undefined,
      {
        ok: false,
        message:
          "failed to configure authentication options: invalid 'ssh' auth option: 'identity' is required",
      },
    ],
    [
      'no identity',
      { known_hosts: hosts },
      {
        ok: false,
        message:
          "failed to configure authentication options: invalid 'ssh' auth option: 'identity' is required",
      },
    ],
    [
      'no known_hosts',
      { identity: plainKey },
      {
        ok: false,
        message:
          "failed to configure authentication options: invalid 'ssh' auth option: 'known_hosts' is required",
      },
    ],
    [
      'key and known_hosts',
      { identity: plainKey, known_hosts: hosts },
      { ok: true, url, transport: { ssh: { identity: plainKey, knownHosts: hosts } } },
    ],
    [
      'encrypted key without password',
      { identity: encryptedKey, known_hosts: hosts },
      {
        ok: false,
        message:
          "SSH identity key is encrypted but no 'password' field was provided in the secret 'default/ssh'",
      },
    ],
    [
      'encrypted key with password',
      { identity: encryptedKey, known_hosts: hosts, password: 'key-pass' },
      {
        ok: true,
        url,
        transport: { ssh: { identity: encryptedKey, knownHosts: hosts, password: 'key-pass' } },
      },
    ],
    [
      'HTTP keys are not used',
      { identity: plainKey, known_hosts: hosts, username: 'u', bearerToken: 't' },
      { ok: true, url, transport: { ssh: { identity: plainKey, knownHosts: hosts } } },
    ],
  ])('%s', (_title, data, expected) => {
    expect(resolveAuth(url, data, 'default/ssh')).toEqual(expected);
  });
});

describe('decodeSecretData', () => {
  it('base64-decodes every key', () => {
    expect(decodeSecretData({ data: { username: Buffer.from('ü').toString('base64') } })).toEqual({
      username: 'ü',
    });
    expect(decodeSecretData({})).toEqual({});
  });
});
