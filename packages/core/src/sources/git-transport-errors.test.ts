import { describe, expect, it } from 'vitest';
import { sshFailure, tlsFailure } from './git-transport-errors.js';

describe('sshFailure (OpenSSH stderr → go-git wording)', () => {
  it.each([
    [
      'No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\nHost key verification failed.\nfatal: Could not read from remote repository.',
      { message: 'ssh: handshake failed: knownhosts: key is unknown' },
    ],
    [
      '@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n@@@@\nHost key verification failed.',
      { message: 'ssh: handshake failed: knownhosts: key mismatch' },
    ],
    [
      'git@127.0.0.1: Permission denied (publickey).\r\nfatal: Could not read from remote repository.',
      {
        message:
          'ssh: handshake failed: ssh: unable to authenticate, attempted methods [none publickey], no supported methods remain',
      },
    ],
    [
      'Load key "/w/git-transport-x/identity": incorrect passphrase supplied to decrypt private key\r\ngit@127.0.0.1: Permission denied (publickey).',
      { message: 'x509: decryption password incorrect', authMethod: true },
    ],
    [
      'Load key "/w/identity": invalid format\r\ngit@h: Permission denied (publickey).',
      { message: 'ssh: no key found', authMethod: true },
    ],
    [
      'ssh: connect to host 127.0.0.1 port 9: Connection refused',
      { message: 'dial tcp 127.0.0.1:9: connect: connection refused' },
    ],
    ["fatal: repository 'x' not found", undefined],
  ])('%s', (stderr, expected) => {
    expect(sshFailure(stderr)).toEqual(expected);
  });
});

describe('tlsFailure (curl stderr → Go crypto/tls wording)', () => {
  const url = 'https://127.0.0.1:8443/app.git';
  it.each([
    [
      "fatal: unable to access 'https://127.0.0.1:8443/app.git/': SSL certificate problem: unable to get local issuer certificate",
      `Get "${url}/info/refs?service=git-upload-pack": tls: failed to verify certificate: x509: certificate signed by unknown authority`,
    ],
    [
      "fatal: unable to access 'https://127.0.0.1:8443/app.git/': SSL certificate problem: self-signed certificate in certificate chain",
      `Get "${url}/info/refs?service=git-upload-pack": tls: failed to verify certificate: x509: certificate signed by unknown authority`,
    ],
    [
      "fatal: unable to access 'https://127.0.0.1:8443/app.git/': OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0",
      `Get "${url}/info/refs?service=git-upload-pack": remote error: tls: certificate required`,
    ],
    [
      "fatal: unable to access 'https://127.0.0.1:8443/app.git/': server certificate verification failed. CAfile: /w/t/ca.crt CRLfile: none",
      `Get "${url}/info/refs?service=git-upload-pack": tls: failed to verify certificate: server certificate verification failed`,
    ],
    [
      "fatal: unable to access 'https://127.0.0.1:8443/app.git/': GnuTLS recv error (-12): A TLS fatal alert has been received.",
      `Get "${url}/info/refs?service=git-upload-pack": remote error: tls: fatal alert received`,
    ],
    ["fatal: unable to access 'x': Could not resolve host: nowhere", undefined],
  ])('%s', (stderr, expected) => {
    expect(tlsFailure(stderr, url)?.message).toBe(expected);
  });
});
