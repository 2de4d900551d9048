import { describe, expect, it } from 'vitest';
import { KubeconfigRefused, parseKubeconfigContent } from './kubeconfig-content.js';

const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n').toString('base64');

/** A one-context kubeconfig whose cluster and user carry `cluster` and `user` fields. */
const kubeconfig = (cluster: Record<string, unknown>, user: Record<string, unknown>): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://10.0.0.1:6443/', ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'ctx',
  });

describe('parseKubeconfigContent', () => {
  it('reads the current context with inline credentials', () => {
    const conn = parseKubeconfigContent(
      kubeconfig({ 'certificate-authority-data': CA, 'tls-server-name': 'kube' }, { token: 's3cret' }),
    );
    expect(conn).toMatchObject({ server: 'https://10.0.0.1:6443', token: 's3cret', tlsServerName: 'kube' });
    expect(conn.caData?.toString()).toContain('BEGIN CERTIFICATE');
  });

  it('reads client certificates and basic auth', () => {
    const cert = Buffer.from('cert').toString('base64');
    const key = Buffer.from('key').toString('base64');
    expect(
      parseKubeconfigContent(
        kubeconfig({}, { 'client-certificate-data': cert, 'client-key-data': key }),
      ).certData?.toString(),
    ).toBe('cert');
    expect(parseKubeconfigContent(kubeconfig({}, { username: 'admin', password: 'pw' }))).toMatchObject({
      username: 'admin',
      password: 'pw',
    });
  });

  it('ignores insecure-skip-tls-verify: TLS stays verified', () => {
    const conn = parseKubeconfigContent(kubeconfig({ 'insecure-skip-tls-verify': true }, { token: 't' }));
    expect(Object.entries(conn).filter(([, v]) => v !== undefined)).toEqual([
      ['server', 'https://10.0.0.1:6443'],
      ['token', 't'],
    ]);
  });

  it.each([
    [
      'an exec plugin',
      {},
      {
        exec: { apiVersion: 'client.authentication.k8s.io/v1', command: '/bin/touch', args: ['/tmp/pwned'] },
      },
      /user 'u' uses an exec credential plugin \('exec'\)/,
    ],
    ['an auth-provider', {}, { 'auth-provider': { name: 'gcp' } }, /user 'u' uses an auth-provider/],
    ['a token file', {}, { tokenFile: '/var/run/secrets/token' }, /user 'u' uses a token file/],
    ['a client certificate file', {}, { 'client-certificate': '/etc/cert.pem' }, /client certificate file/],
    [
      'a CA file',
      { 'certificate-authority': '/etc/ca.pem' },
      { token: 't' },
      /cluster 'c' references a certificate authority file/,
    ],
  ])('refuses %s', (_what, cluster, user, message) => {
    expect(() => parseKubeconfigContent(kubeconfig(cluster, user))).toThrow(KubeconfigRefused);
    expect(() => parseKubeconfigContent(kubeconfig(cluster, user))).toThrow(message);
  });

  it.each([
    ['not YAML', 'clusters: [unclosed', 'the kubeconfig is not valid YAML'],
    ['empty', '', 'the kubeconfig is empty'],
    [
      'no current context',
      JSON.stringify({ clusters: [], contexts: [] }),
      'the kubeconfig has no current context',
    ],
    [
      'no server',
      JSON.stringify({
        clusters: [{ name: 'c', cluster: {} }],
        contexts: [{ name: 'x', context: { cluster: 'c' } }],
        'current-context': 'x',
      }),
      "the kubeconfig has no server for context 'x'",
    ],
  ])('explains a kubeconfig that is %s', (_what, text, message) => {
    expect(() => parseKubeconfigContent(text)).toThrow(message);
  });

  it('never quotes the token in a refusal', () => {
    const text = kubeconfig({}, { token: 'do-not-print-me', exec: { command: 'x' } });
    expect(() => parseKubeconfigContent(text)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('do-not-print-me') }),
    );
  });
});
