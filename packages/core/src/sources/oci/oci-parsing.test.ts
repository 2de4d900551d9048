import { describe, expect, it } from 'vitest';
import { DockerConfigError, loginFor } from './docker-config.js';
import { formatReference, InvalidOciUrlError, parseOciUrl } from './oci-reference.js';
import { parseManifest } from './manifest.js';
import { describeHttpFailure, OciRegistryError } from './registry-error.js';
import { nextLink } from './registry-client.js';
import { parseAuthChallenge } from './www-authenticate.js';

describe('parseOciUrl', () => {
  it.each([
    ['oci://127.0.0.1:5000/apps/podinfo', { registry: '127.0.0.1:5000', repository: 'apps/podinfo' }],
    [
      'oci://ghcr.io/stefanprodan/manifests/podinfo',
      { registry: 'ghcr.io', repository: 'stefanprodan/manifests/podinfo' },
    ],
    ['oci://localhost/app', { registry: 'localhost', repository: 'app' }],
    ['oci://nginx', { registry: 'index.docker.io', repository: 'library/nginx' }],
    ['oci://bitnami/nginx', { registry: 'index.docker.io', repository: 'bitnami/nginx' }],
  ])('%s', (url, want) => {
    expect(parseOciUrl(url)).toEqual(want);
  });

  it.each([
    ['https://ghcr.io/app', "URL must be in format 'oci://<domain>/<org>/<repo>'"],
    ['oci://ghcr.io/app:v1', "URL must not contain a tag; remove ':v1'"],
    ['oci://ghcr.io/App', 'repository can only contain'],
    ['oci://ghcr.io/a//b', 'repository can only contain'],
    ['oci://bad_host.io/app', 'registries must be valid RFC 3986 URI authorities'],
  ])('refuses %s', (url, message) => {
    expect(() => parseOciUrl(url)).toThrow(InvalidOciUrlError);
    expect(() => parseOciUrl(url)).toThrow(message);
  });

  it('prints references as go-containerregistry does', () => {
    const address = { registry: 'ghcr.io', repository: 'a/b' };
    expect(formatReference(address, { tag: 'v1' })).toBe('ghcr.io/a/b:v1');
    expect(formatReference(address, { digest: 'sha256:00' })).toBe('ghcr.io/a/b@sha256:00');
  });
});

describe('parseAuthChallenge', () => {
  it.each([
    [
      'Bearer realm="https://auth.io/token",service="registry.io",scope="repository:a/b:pull"',
      {
        scheme: 'bearer',
        params: { realm: 'https://auth.io/token', service: 'registry.io', scope: 'repository:a/b:pull' },
      },
    ],
    ['Basic realm="Registry Realm"', { scheme: 'basic', params: { realm: 'Registry Realm' } }],
    [
      'bearer Realm=https://x/t, Service=y',
      { scheme: 'bearer', params: { realm: 'https://x/t', service: 'y' } },
    ],
    ['Bearer realm="a\\"b"', { scheme: 'bearer', params: { realm: 'a"b' } }],
    ['Negotiate abc', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s', (header, want) => {
    expect(parseAuthChallenge(header)).toEqual(want);
  });
});

describe('loginFor (.dockerconfigjson)', () => {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  it.each([
    [
      { auths: { '127.0.0.1:5000': { auth: b64('u:p:w') } } },
      '127.0.0.1:5000',
      { username: 'u', password: 'p:w' },
    ],
    [
      { auths: { 'https://127.0.0.1:5000/v1/': { username: 'a', password: 'b' } } },
      '127.0.0.1:5000',
      { username: 'a', password: 'b' },
    ],
    [
      { auths: { 'https://index.docker.io/v1/': { auth: b64('d:h') } } },
      'index.docker.io',
      { username: 'd', password: 'h' },
    ],
    [{ auths: { 'other.io': { auth: b64('x:y') } } }, 'ghcr.io', undefined],
  ])('%j for %s', (config, registry, want) => {
    expect(loginFor(JSON.stringify(config), registry)).toEqual(want);
  });

  it.each(['not json', '{"x":1}', JSON.stringify({ auths: { 'r.io': { auth: b64('nocolon-secret') } } })])(
    'refuses %s without echoing secrets',
    (text) => {
      expect(() => loginFor(text, 'r.io')).toThrow(DockerConfigError);
      try {
        loginFor(text, 'r.io');
      } catch (error) {
        expect((error as Error).message).not.toContain('nocolon-secret');
      }
    },
  );
});

describe('registry errors and pagination', () => {
  it('words failures as go-containerregistry does', () => {
    const body = JSON.stringify({
      errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: [] }],
    });
    expect(describeHttpFailure('GET', 'http://r/v2/a/manifests/v1', 401, 'Unauthorized', body)).toBe(
      'GET http://r/v2/a/manifests/v1: UNAUTHORIZED: authentication required',
    );
    expect(describeHttpFailure('HEAD', 'http://r/v2/a/manifests/v1', 404, 'Not Found', '')).toBe(
      'HEAD http://r/v2/a/manifests/v1: unexpected status code 404 Not Found',
    );
  });

  it.each([
    ['</v2/a/tags/list?last=x&n=2>; rel="next"', '/v2/a/tags/list?last=x&n=2'],
    ['<https://r/v2/a/tags/list?n=1>; rel=next', 'https://r/v2/a/tags/list?n=1'],
    ['</x>; rel="prev"', undefined],
    [null, undefined],
  ])('next link of %s', (header, want) => {
    expect(nextLink(header)).toBe(want);
  });
});

describe('found by oci-parsing.property.test.ts', () => {
  it('refuses manifest bodies Go cannot decode, instead of a TypeError further on', () => {
    for (const body of [
      'null',
      '5',
      '{"layers":{}}',
      '{"manifests":[null]}',
      '{"config":{"digest":"sha256:x"}}',
    ])
      expect(() => parseManifest(Buffer.from(body), null)).toThrow(OciRegistryError);
  });

  it('keeps a challenge parameter or an annotation called __proto__ as data', () => {
    expect(Object.keys(parseAuthChallenge('Bearer __proto__="x",realm="r"')?.params ?? {})).toEqual([
      '__proto__',
      'realm',
    ]);
    const digest = `sha256:${'a'.repeat(64)}`;
    const m = parseManifest(
      Buffer.from(`{"config":{"digest":"${digest}","size":1,"annotations":{"__proto__":"v"}}}`),
      null,
    );
    expect(Object.keys(m.config?.annotations ?? {})).toEqual(['__proto__']);
  });

  it('reads docker config entries as Kubernetes does: typed fields, auth before username', () => {
    const config = (entry: unknown): string => JSON.stringify({ auths: { 'ghcr.io': entry } });
    expect(() => loginFor(config({ username: 5, password: 'p' }), 'ghcr.io')).toThrow(DockerConfigError);
    expect(() => loginFor(config('x'), 'ghcr.io')).toThrow(DockerConfigError);
    expect(
      loginFor(
        config({ auth: Buffer.from('a:b').toString('base64'), username: 'u', password: 'p' }),
        'ghcr.io',
      ),
    ).toEqual({
      username: 'a',
      password: 'b',
    });
  });
});
