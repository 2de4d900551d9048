import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fuzzParameters } from '../testing/fuzz.js';
import { KubeconfigRefused, parseKubeconfigContent, type KubeConnection } from './kubeconfig-content.js';

// Credentials are drawn from a pool no name, server or field name can contain by accident.
const secret = fc.stringMatching(/^Z[a-zA-Z0-9]{11,20}$/).map((s) => `secret-${s}`);
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const pem = fc.uint8Array({ minLength: 1, maxLength: 48 }).map((b) => Buffer.from(b));

interface Planted {
  config: Record<string, unknown>;
  want: KubeConnection;
  secrets: string[];
}

/** A self-contained kubeconfig, its expected connection, and the secret values in it. */
const kubeconfig: fc.Arbitrary<Planted> = fc
  .record({
    context: name,
    cluster: name,
    user: name,
    server: fc.webUrl({ withQueryParameters: false, withFragments: false }),
    ca: fc.option(pem, { nil: undefined }),
    tlsServerName: fc.option(name, { nil: undefined }),
    token: fc.option(secret, { nil: undefined }),
    basic: fc.option(fc.tuple(name, secret), { nil: undefined }),
    cert: fc.option(fc.tuple(pem, pem), { nil: undefined }),
    decoys: fc.array(name, { maxLength: 2 }),
  })
  .map((k) => {
    const user: Record<string, unknown> = {};
    if (k.token) user.token = k.token;
    if (k.basic) [user.username, user.password] = k.basic;
    if (k.cert)
      [user['client-certificate-data'], user['client-key-data']] = k.cert.map((b) => b.toString('base64'));
    const cluster: Record<string, unknown> = { server: k.server };
    if (k.ca) cluster['certificate-authority-data'] = k.ca.toString('base64');
    if (k.tlsServerName) cluster['tls-server-name'] = k.tlsServerName;
    const decoys = k.decoys.filter((d) => d !== k.context && d !== k.cluster && d !== k.user);
    const config = {
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': k.context,
      contexts: [
        ...decoys.map((d) => ({ name: d, context: { cluster: d, user: d } })),
        { name: k.context, context: { cluster: k.cluster, user: k.user } },
      ],
      clusters: [
        ...decoys.map((d) => ({ name: d, cluster: { server: 'https://decoy.example' } })),
        { name: k.cluster, cluster },
      ],
      users: [...decoys.map((d) => ({ name: d, user: { token: 'decoy' } })), { name: k.user, user }],
    };
    const want: KubeConnection = {
      server: k.server.replace(/\/$/, ''),
      caData: k.ca,
      tlsServerName: k.tlsServerName,
      certData: k.cert?.[0],
      keyData: k.cert?.[1],
      token: k.token,
      username: k.basic?.[0],
      password: k.basic?.[1],
    };
    return { config, want, secrets: [k.token, k.basic?.[1]].filter((s): s is string => !!s) };
  });

/** Replaces one value somewhere in the tree with another of any type. */
function mutate(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const [head = 0, ...rest] = path;
  const [key = '', child] = entries[head % entries.length] ?? [];
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : { ...value };
  copy[key] = mutate(child, rest, replacement);
  return copy;
}

describe('kubeconfig from a Secret (properties)', () => {
  it('reads back the connection a self-contained kubeconfig describes', () => {
    fc.assert(
      fc.property(kubeconfig, ({ config, want }) => {
        expect(parseKubeconfigContent(stringify(config))).toEqual(want);
      }),
      fuzzParameters(200),
    );
  });

  it('refuses exec, auth-providers and file references whatever else the kubeconfig holds', () => {
    const forbidden = fc.constantFrom(
      ['exec', { command: '/bin/sh', args: ['-c', 'id'] }],
      ['auth-provider', { name: 'oidc' }],
      ['client-certificate', '/etc/ssl/cert.pem'],
      ['client-key', '/etc/ssl/key.pem'],
      ['tokenFile', '/var/run/token'],
    );
    fc.assert(
      fc.property(kubeconfig, forbidden, ({ config }, [field, value]) => {
        const users = config.users as { user: Record<string, unknown> }[];
        users.at(-1)!.user[field as string] = value;
        expect(() => parseKubeconfigContent(stringify(config))).toThrow(KubeconfigRefused);
      }),
      fuzzParameters(150),
    );
  });

  it('fails only with KubeconfigRefused, types what it returns, and never quotes a credential', () => {
    const input = fc.oneof(
      fc
        .tuple(kubeconfig, fc.array(fc.nat(), { maxLength: 5 }), fc.jsonValue())
        .map(([k, path, v]) => ({ text: stringify(mutate(k.config, path, v)), secrets: k.secrets })),
      fc.tuple(kubeconfig, fc.nat()).map(([k, cut]) => {
        const text = stringify(k.config);
        return { text: text.slice(0, cut % text.length), secrets: k.secrets };
      }),
      fc.string({ maxLength: 60 }).map((text) => ({ text, secrets: [] as string[] })),
    );
    fc.assert(
      fc.property(input, ({ text, secrets }) => {
        let c: KubeConnection;
        try {
          c = parseKubeconfigContent(text);
        } catch (error) {
          expect(error).toBeInstanceOf(KubeconfigRefused);
          for (const s of secrets) expect((error as Error).message).not.toContain(s);
          return;
        }
        expect(typeof c.server).toBe('string');
        for (const b of [c.caData, c.certData, c.keyData])
          expect(b === undefined || Buffer.isBuffer(b)).toBe(true);
        for (const s of [c.token, c.username, c.password, c.tlsServerName])
          expect(s === undefined || typeof s === 'string').toBe(true);
      }),
      fuzzParameters(400),
    );
  });

  it('refuses base64 Go would not decode instead of handing TLS garbage', () => {
    fc.assert(
      fc.property(kubeconfig, fc.constantFrom('not base64!', 'YWJj=', 'YW Jj', 'Y'), ({ config }, bad) => {
        const clusters = config.clusters as { cluster: Record<string, unknown> }[];
        clusters.at(-1)!.cluster['certificate-authority-data'] = bad;
        expect(() => parseKubeconfigContent(stringify(config))).toThrow(/certificate-authority-data.*base64/);
      }),
      fuzzParameters(100),
    );
  });
});
