import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../testing/fuzz.js';
import { DockerConfigError, loginFor } from './docker-config.js';
import { parseManifest, pickIndexChild, type Descriptor } from './manifest.js';
import { OciRegistryError } from './registry-error.js';
import { nextLink } from './registry-client.js';
import { parseAuthChallenge } from './www-authenticate.js';

// A hang guard far above the milliseconds a call takes.
const TIME_BOUND_MS = 3_000;

const digest = fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `sha256:${h}`);
const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const descriptor: fc.Arbitrary<Descriptor> = fc.record(
  {
    mediaType: fc.constantFrom(
      'application/vnd.oci.image.layer.v1.tar+gzip',
      'application/vnd.cncf.flux.content.v1.tar+gzip',
      '',
    ),
    digest,
    size: fc.nat(),
    annotations: fc.dictionary(text, text, { maxKeys: 3 }),
    platform: fc.record({
      os: fc.constantFrom('linux', 'darwin'),
      architecture: fc.constantFrom('amd64', 'arm64'),
    }),
  },
  { requiredKeys: ['mediaType', 'digest', 'size'] },
);
const manifest = fc.record(
  {
    schemaVersion: fc.constant(2),
    mediaType: fc.constantFrom(
      'application/vnd.oci.image.manifest.v1+json',
      'application/vnd.oci.image.index.v1+json',
    ),
    config: descriptor,
    layers: fc.array(descriptor, { maxLength: 3 }),
    manifests: fc.array(descriptor, { maxLength: 3 }),
    annotations: fc.dictionary(text, text, { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

/** Replaces one value somewhere in a JSON tree with another value of any type. */
function mutate(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const [head = 0, ...rest] = path;
  const [key, child] = entries[head % entries.length] ?? [];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  (copy as Record<string, unknown>)[key ?? ''] = mutate(child, rest, replacement);
  return copy;
}

const isWellTyped = (d: Descriptor): boolean =>
  typeof d.mediaType === 'string' &&
  /^sha256:[a-f0-9]{64}$/.test(d.digest) &&
  Number.isSafeInteger(d.size) &&
  (d.annotations === undefined || Object.values(d.annotations).every((v) => typeof v === 'string'));

describe('OCI manifests (properties)', () => {
  it('round-trips what a registry sends', () => {
    fc.assert(
      fc.property(manifest, (m) => {
        const parsed = parseManifest(Buffer.from(JSON.stringify(m)), null);
        expect(parsed.mediaType).toBe(m.mediaType ?? '');
        expect(parsed.config).toEqual(m.config);
        expect(parsed.layers).toEqual(m.layers ?? []);
        expect(parsed.manifests).toEqual(m.manifests ?? []);
        const picked = pickIndexChild(parsed.manifests);
        const amd64 = parsed.manifests.find(
          (d) => d.platform?.os === 'linux' && d.platform.architecture === 'amd64',
        );
        expect(picked).toEqual(amd64 ?? (parsed.manifests.length === 1 ? parsed.manifests[0] : undefined));
      }),
      fuzzParameters(500),
    );
  });

  it('types every field it returns, or refuses the body with OciRegistryError', () => {
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .tuple(manifest, fc.array(fc.nat(), { maxLength: 4 }), fc.jsonValue())
        .map(([m, path, v]) => JSON.stringify(mutate(m, path, v))),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(body, fc.option(fc.string({ maxLength: 30 }), { nil: null }), (b, contentType) => {
        let parsed;
        try {
          parsed = parseManifest(Buffer.from(b), contentType);
        } catch (error) {
          expect(error).toBeInstanceOf(OciRegistryError);
          return;
        }
        expect(typeof parsed.mediaType).toBe('string');
        for (const d of [...parsed.layers, ...parsed.manifests, ...(parsed.config ? [parsed.config] : [])])
          expect(isWellTyped(d)).toBe(true);
        expect(
          parsed.annotations === undefined ||
            Object.values(parsed.annotations).every((v) => typeof v === 'string'),
        ).toBe(true);
      }),
      fuzzParameters(1000),
    );
  });
});

describe('WWW-Authenticate and Link (properties)', () => {
  const paramName = fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/);
  const params = fc.uniqueArray(fc.tuple(paramName, fc.string({ maxLength: 20 })), {
    selector: ([k]) => k.toLowerCase(),
    maxLength: 4,
  });

  it('round-trips a challenge: scheme and parameters, quoted or bare', () => {
    const scheme = fc.constantFrom('Bearer', 'bearer', 'BASIC', 'Basic');
    fc.assert(
      fc.property(scheme, params, fc.boolean(), (s, ps, bare) => {
        const format = (v: string): string =>
          bare && /^[^",\s]+$/.test(v) ? v : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
        const header = `${s} ${ps.map(([k, v]) => `${k}=${format(v)}`).join(',')}`;
        expect(parseAuthChallenge(header)).toEqual({
          scheme: s.toLowerCase(),
          params: Object.fromEntries(ps.map(([k, v]) => [k.toLowerCase(), v])),
        });
      }),
      fuzzParameters(1000),
    );
  });

  it('never throws, and stays linear, on any header', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (h) => {
        parseAuthChallenge(h);
        nextLink(h);
      }),
      fuzzParameters(1000),
    );
    // Node refuses headers over 16 KiB: the longest a registry can send.
    for (const h of [
      'Bearer ' + 'a='.repeat(8000),
      'Bearer a="' + '\\"'.repeat(5000),
      '<'.repeat(16_000),
      `<${'x'.repeat(16_000)}`,
    ]) {
      const started = performance.now();
      parseAuthChallenge(h);
      nextLink(h);
      expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
    }
  });

  it('follows the next page a Link header names', () => {
    const url = fc.webPath().map((p) => `/v2/app/tags/list?last=${encodeURIComponent(p)}&n=10`);
    fc.assert(
      fc.property(url, fc.boolean(), (u, withPrev) => {
        const header = `${withPrev ? '</v2/app/tags/list?n=1>; rel="prev", ' : ''}<${u}>; rel="next"`;
        expect(nextLink(header)).toBe(u);
      }),
      fuzzParameters(500),
    );
  });
});

describe('.dockerconfigjson (properties)', () => {
  const host = fc.constantFrom('ghcr.io', 'registry.example:5000', '127.0.0.1:5000');
  const login = fc.record({
    username: fc.string({ maxLength: 12 }).filter((u) => !u.includes(':')),
    password: fc.string({ maxLength: 20 }),
  });

  it('finds the login for a registry, however the entry spells it', () => {
    fc.assert(
      fc.property(
        host,
        login,
        fc.constantFrom('', 'https://', 'http://'),
        fc.constantFrom('', '/v1/', '/v2'),
        fc.boolean(),
        (h, l, scheme, path, asAuth) => {
          const entry = asAuth
            ? { auth: Buffer.from(`${l.username}:${l.password}`).toString('base64') }
            : { ...l };
          const config = JSON.stringify({
            auths: { 'other.example': { auth: 'eDp5' }, [`${scheme}${h}${path}`]: entry },
          });
          expect(loginFor(config, h)).toEqual(l);
          expect(loginFor(config, 'elsewhere.example')).toBeUndefined();
        },
      ),
      fuzzParameters(500),
    );
  });

  it('returns strings or nothing, fails only with DockerConfigError, and never echoes a secret', () => {
    const secret = 'S3cr3t-v4lu3';
    const entry = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          auth: fc.oneof(
            fc.jsonValue(),
            fc.constant(secret),
            fc.constant(Buffer.from(secret).toString('base64')),
          ),
          username: fc.jsonValue(),
          password: fc.oneof(fc.jsonValue(), fc.constant(secret)),
        },
        { requiredKeys: [] },
      ),
    );
    const config = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .dictionary(fc.constantFrom('ghcr.io', 'https://ghcr.io/v1/', 'x.io'), entry)
        .map((auths) => JSON.stringify({ auths })),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(config, (c) => {
        let login;
        try {
          login = loginFor(c, 'ghcr.io');
        } catch (error) {
          expect(error).toBeInstanceOf(DockerConfigError);
          expect((error as Error).message).not.toContain(secret);
          return;
        }
        if (login !== undefined) {
          expect(typeof login.username).toBe('string');
          expect(typeof login.password).toBe('string');
        }
      }),
      fuzzParameters(1000),
    );
  });
});
