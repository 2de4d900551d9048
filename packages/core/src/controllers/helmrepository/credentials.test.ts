import { describe, expect, it } from 'vitest';
import { CredentialsError, tlsFromCertSecret } from './credentials.js';

describe('tlsFromCertSecret (fluxcd/pkg TLSConfigFromSecret)', () => {
  const prefix = "failed to construct Helm client's TLS config: secret 'default/certs'";
  it.each([
    ['CA only', { 'ca.crt': 'CA' }, { caPem: 'CA' }],
    ['client pair only', { 'tls.crt': 'C', 'tls.key': 'K' }, { clientCert: { certPem: 'C', keyPem: 'K' } }],
    [
      'everything',
      { 'ca.crt': 'CA', 'tls.crt': 'C', 'tls.key': 'K' },
      { caPem: 'CA', clientCert: { certPem: 'C', keyPem: 'K' } },
    ],
    [
      'legacy names',
      { caFile: 'CA', certFile: 'C', keyFile: 'K' },
      { caPem: 'CA', clientCert: { certPem: 'C', keyPem: 'K' } },
    ],
    ['standard names win', { 'ca.crt': 'CA', caFile: 'OLD' }, { caPem: 'CA' }],
  ])('%s', (_title, data, expected) => {
    expect(tlsFromCertSecret('default/certs', data)).toEqual(expected);
  });

  it.each([
    [
      'certificate without key',
      { 'tls.crt': 'C', 'ca.crt': 'CA' },
      `${prefix} contains 'tls.crt' but missing 'tls.key'`,
    ],
    ['key without certificate', { 'tls.key': 'K' }, `${prefix} contains 'tls.key' but missing 'tls.crt'`],
    [
      'nothing usable',
      { username: 'u' },
      `${prefix} must contain either 'ca.crt' or both 'tls.crt' and 'tls.key'`,
    ],
  ])('%s', (_title, data, message) => {
    expect(() => tlsFromCertSecret('default/certs', data)).toThrow(new CredentialsError(message));
  });
});
