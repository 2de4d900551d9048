import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateSshKeyPair, knownHostsLine } from './ssh-keys.js';

describe('generateSshKeyPair', () => {
  it('only hands out pairs that read back (ssh2 writes a broken ed25519 key about once in 200)', () => {
    const unreadable = Array.from({ length: 1500 }, () => generateSshKeyPair('t')).filter(
      (pair) => ssh2.utils.parseKey(pair.privateKey) instanceof Error,
    );
    expect(unreadable).toEqual([]);
  });

  it('encrypts with the passphrase, and the key opens only with it', () => {
    const pair = generateSshKeyPair('t', 'secret');
    expect(ssh2.utils.parseKey(pair.privateKey, 'secret')).not.toBeInstanceOf(Error);
    expect(ssh2.utils.parseKey(pair.privateKey, 'wrong')).toBeInstanceOf(Error);
  });
});

describe('knownHostsLine', () => {
  it.each([
    ['127.0.0.1', 22, '127.0.0.1 ssh-ed25519 AAAA'],
    ['127.0.0.1', 2222, '[127.0.0.1]:2222 ssh-ed25519 AAAA'],
  ])('%s:%d', (host, port, line) => {
    expect(knownHostsLine(host, port, 'ssh-ed25519 AAAA comment')).toBe(line);
  });
});
