import { describe, expect, it } from 'vitest';
import { isLoopbackHost, loadConfig } from './config.js';

const env = (vars: Record<string, string> = {}): NodeJS.ProcessEnv => vars as NodeJS.ProcessEnv;

describe('listen address', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
    ['my-host', false],
  ])('%s loopback: %s', (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));

  it('refuses a non-loopback --host over plain HTTP without --insecure-listen', () => {
    expect(() => loadConfig({ host: '0.0.0.0' }, env())).toThrow(
      /refusing to listen on 0\.0\.0\.0 over plain HTTP.*--insecure-listen/,
    );
    expect(() => loadConfig({}, env({ TIDELINE_HOST: '::' }))).toThrow(/--insecure-listen/);
    expect(loadConfig({ host: '0.0.0.0', insecureListen: true }, env()).host).toBe('0.0.0.0');
    expect(loadConfig({}, env()).host).toBe('127.0.0.1');
  });

  it('reads allowed hosts and trusted proxies from flags or comma-separated variables', () => {
    const config = loadConfig(
      {},
      env({ TIDELINE_ALLOWED_HOSTS: 'a.example, .b.example', TIDELINE_TRUSTED_PROXIES: '10.0.0.2' }),
    );
    expect(config.allowedHosts).toEqual(['a.example', '.b.example']);
    expect(config.trustedProxies).toEqual(['10.0.0.2']);
    expect(
      loadConfig({ trustedProxies: ['::1'] }, env({ TIDELINE_TRUSTED_PROXIES: '10.0.0.2' })).trustedProxies,
    ).toEqual(['::1']);
    expect(() => loadConfig({ trustedProxies: ['proxy.lan'] }, env())).toThrow(/trustedProxies.*IP address/);
  });
});

describe('session idle timeout', () => {
  it.each([
    ['the default', {}, {}, 8 * 60 * 60_000],
    ['the variable', {}, { TIDELINE_SESSION_IDLE_TIMEOUT: '90m' }, 90 * 60_000],
    [
      'the flag over the variable',
      { sessionIdleTimeoutMs: 120_000 },
      { TIDELINE_SESSION_IDLE_TIMEOUT: '90m' },
      120_000,
    ],
  ])('%s', (_what, flags, vars, expected) => {
    expect(loadConfig(flags, env(vars)).sessionIdleTimeoutMs).toBe(expected);
  });

  it.each([
    [
      'not a duration',
      {},
      { TIDELINE_SESSION_IDLE_TIMEOUT: 'soon' },
      /TIDELINE_SESSION_IDLE_TIMEOUT: invalid duration "soon"/,
    ],
    ['under a minute', { sessionIdleTimeoutMs: 5_000 }, {}, /sessionIdleTimeoutMs/],
    ['over a week', {}, { TIDELINE_SESSION_IDLE_TIMEOUT: '200h' }, /sessionIdleTimeoutMs/],
  ])('refuses %s', (_what, flags, vars, error) => {
    expect(() => loadConfig(flags, env(vars))).toThrow(error);
  });
});

describe('serving TLS', () => {
  it.each([
    ['both flags', { tlsCertFile: '/c.pem', tlsKeyFile: '/k.pem' }, {}, ['/c.pem', '/k.pem']],
    [
      'both variables',
      {},
      { TIDELINE_TLS_CERT_FILE: '/tls/tls.crt', TIDELINE_TLS_KEY_FILE: '/tls/tls.key' },
      ['/tls/tls.crt', '/tls/tls.key'],
    ],
    [
      'flags over variables',
      { tlsCertFile: '/c.pem', tlsKeyFile: '/k.pem' },
      { TIDELINE_TLS_CERT_FILE: '/tls/tls.crt', TIDELINE_TLS_KEY_FILE: '/tls/tls.key' },
      ['/c.pem', '/k.pem'],
    ],
    ['neither', {}, {}, [undefined, undefined]],
  ])('%s', (_what, flags, vars, [cert, key]) => {
    const config = loadConfig(flags, env(vars));
    expect([config.tlsCertFile, config.tlsKeyFile]).toEqual([cert, key]);
  });

  it.each([
    ['a certificate without a key', { tlsCertFile: '/c.pem' }, {}],
    ['a key without a certificate', {}, { TIDELINE_TLS_KEY_FILE: '/k.pem' }],
  ])('refuses %s', (_what, flags, vars) => {
    expect(() => loadConfig(flags, env(vars))).toThrow(
      'invalid configuration: serving TLS needs both --tls-cert-file and --tls-key-file',
    );
  });

  it('lets a non-loopback --host serve TLS without --insecure-listen', () => {
    const config = loadConfig({ host: '0.0.0.0', tlsCertFile: '/c.pem', tlsKeyFile: '/k.pem' }, env());
    expect(config.host).toBe('0.0.0.0');
    expect(config.insecureListen).toBe(false);
    expect(() => loadConfig({ host: '0.0.0.0', tlsCertFile: '/c.pem' }, env())).toThrow(/needs both/);
  });
});
