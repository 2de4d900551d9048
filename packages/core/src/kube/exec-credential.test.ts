import { describe, expect, it } from 'vitest';
import { execInfo, needsRefresh, parseExecCredential, validateExecConfig } from './exec-credential.js';

const V1B1 = 'client.authentication.k8s.io/v1beta1';
const answer = (status: unknown, apiVersion = V1B1): string =>
  JSON.stringify({ apiVersion, kind: 'ExecCredential', status });

describe('parseExecCredential (client-go wording)', () => {
  it('reads a token and its expiry', () => {
    expect(
      parseExecCredential(answer({ token: 't', expirationTimestamp: '2030-01-01T00:00:00Z' }), V1B1),
    ).toEqual({
      token: 't',
      clientCertificateData: undefined,
      clientKeyData: undefined,
      expiresAtMs: Date.parse('2030-01-01T00:00:00Z'),
    });
  });

  it.each<[string, string]>([
    ['not json', 'decoding stdout: '],
    [
      answer({ token: 't' }, 'client.authentication.k8s.io/v1'),
      `exec plugin is configured to use API version ${V1B1}, plugin returned version client.authentication.k8s.io/v1`,
    ],
    [JSON.stringify({ apiVersion: V1B1 }), "exec plugin didn't return a status field"],
    [answer({}), "exec plugin didn't return a token or cert/key pair"],
    [answer({ clientCertificateData: 'c' }), 'exec plugin returned only certificate or key, not both'],
    [
      answer({ token: 't', expirationTimestamp: 'soon' }),
      'decoding stdout: invalid expirationTimestamp "soon"',
    ],
  ])('%s', (stdout, message) => {
    expect(() => parseExecCredential(stdout, V1B1)).toThrow(message);
  });

  it('never quotes the token in an error', () => {
    expect(() =>
      parseExecCredential(answer({ token: 'secret-token', expirationTimestamp: 'x' }), V1B1),
    ).not.toThrow(/secret-token/);
  });
});

describe('needsRefresh', () => {
  it.each<[string, number | undefined, number, boolean]>([
    ['no expiry: kept until a 401', undefined, 10_000_000, false],
    ['15 min token, fresh', 900_000, 60_000, false],
    ['15 min token, 31 s before expiry', 900_000, 869_000, false],
    ['15 min token, 30 s before expiry', 900_000, 870_000, true],
    ['2 s token, 0.3 s before expiry', 2_000, 1_700, false],
    ['2 s token, 0.2 s before expiry', 2_000, 1_800, true],
    ['expired', 1_000, 5_000, true],
  ])('%s', (_what, lifetime, now, expected) => {
    expect(needsRefresh({ token: 't', expiresAtMs: lifetime }, 0, now)).toBe(expected);
  });
});

describe('validateExecConfig and execInfo', () => {
  it.each<[Record<string, unknown>, string]>([
    [{ command: '', apiVersion: V1B1 }, 'exec plugin: command is required'],
    [{ command: 'x', apiVersion: 'v1' }, 'exec plugin: invalid apiVersion "v1"'],
    [
      { command: 'x', apiVersion: V1B1, interactiveMode: 'Always' },
      'exec plugin cannot support interactive mode',
    ],
  ])('refuses %j', (config, message) => {
    expect(() => validateExecConfig(config as never)).toThrow(message);
  });

  it('tells the plugin about the cluster only when asked', () => {
    const cluster = { server: 'https://k:6443', caData: 'Q0E=', tlsServerName: 'k' };
    expect(JSON.parse(execInfo({ command: 'x', apiVersion: V1B1 }, cluster))).toEqual({
      kind: 'ExecCredential',
      apiVersion: V1B1,
      spec: { interactive: false },
    });
    expect(
      JSON.parse(execInfo({ command: 'x', apiVersion: V1B1, provideClusterInfo: true }, cluster)).spec,
    ).toEqual({
      interactive: false,
      cluster: { server: 'https://k:6443', 'certificate-authority-data': 'Q0E=', 'tls-server-name': 'k' },
    });
  });
});
