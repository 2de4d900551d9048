import { generateKeyPairSync } from 'node:crypto';
import { generateSshKeyPair } from '../testing/sandbox.js';
import { describe, expect, it } from 'vitest';
import { isEncryptedPrivateKey } from './ssh-key-format.js';

describe('isEncryptedPrivateKey', () => {
  const rsa = (passphrase?: string): string =>
    generateKeyPairSync('rsa', {
      modulusLength: 1024,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: passphrase
        ? { type: 'pkcs1', format: 'pem', cipher: 'aes-128-cbc', passphrase }
        : { type: 'pkcs1', format: 'pem' },
    }).privateKey;
  const pkcs8 = (passphrase?: string): string =>
    generateKeyPairSync('ed25519', {
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: passphrase
        ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }
        : { type: 'pkcs8', format: 'pem' },
    }).privateKey;

  it.each([
    ['OpenSSH, plain', generateSshKeyPair('a').privateKey, false],
    ['OpenSSH, encrypted', generateSshKeyPair('a', 'secret-pass').privateKey, true],
    ['PEM RSA, plain', rsa(), false],
    ['PEM RSA, encrypted', rsa('secret-pass'), true],
    ['PKCS#8, plain', pkcs8(), false],
    ['PKCS#8, encrypted', pkcs8('secret-pass'), true],
    ['garbage', 'not a key', false],
    [
      'truncated OpenSSH',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n-----END OPENSSH PRIVATE KEY-----',
      false,
    ],
  ])('%s', (_title, key, expected) => {
    expect(isEncryptedPrivateKey(key)).toBe(expected);
  });
});
