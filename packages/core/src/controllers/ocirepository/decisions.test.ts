import { describe, expect, it } from 'vitest';
import { artifactRef, digestOfRevision, ociRevision, tagBySemver } from './artifact-ref.js';
import { layerOperation, ociContentConfigChanged, selectLayer } from './layer-selection.js';
import { unsupportedFeature } from './unsupported.js';

describe('artifactRef (digest > semver > tag > latest)', () => {
  it.each([
    [undefined, { kind: 'tag', tag: 'latest' }],
    [{}, { kind: 'tag', tag: 'latest' }],
    [{ tag: 'v1' }, { kind: 'tag', tag: 'v1' }],
    [
      { tag: 'v1', semver: '1.x' },
      { kind: 'semver', range: '1.x', filter: undefined },
    ],
    [
      { semver: '1.x', semverFilter: '.*-rc' },
      { kind: 'semver', range: '1.x', filter: '.*-rc' },
    ],
    [
      { tag: 'v1', semver: '1.x', digest: 'sha256:ab' },
      { kind: 'digest', digest: 'sha256:ab' },
    ],
  ])('%j', (ref, want) => {
    expect(artifactRef({ ref })).toEqual(want);
  });
});

describe('tagBySemver', () => {
  const tags = ['6.0.0', '6.1.0', 'v6.2.0', '6.3.0-rc.1', '7.0', 'latest', '6.2.1-dev.1', '5.9.9'];
  it.each([
    ['>=6.0.0', undefined, 'v6.2.0'],
    ['6.1.x', undefined, '6.1.0'],
    ['>=6.0.0-0', undefined, '6.3.0-rc.1'],
    ['>=6.0.0-0', '.*-dev\\..*', '6.2.1-dev.1'],
    ['<6.0.0', undefined, '5.9.9'],
  ])('%s filtered by %s → %s', (range, filter, want) => {
    expect(tagBySemver(tags, range, filter)).toBe(want);
  });

  it('says when nothing matches, or the range or filter is invalid, in Flux words', () => {
    expect(() => tagBySemver(tags, '>=8.0.0')).toThrow('no match found for semver: >=8.0.0');
    expect(() => tagBySemver(tags, 'not a range')).toThrow("semver 'not a range' parse error");
    expect(() => tagBySemver(tags, '*', '(')).toThrow('error parsing regexp: missing closing ): `(`');
  });

  it('reads the filter as a Go regular expression, matched in linear time', () => {
    // (?P<name>…) and \z are Go syntax that JavaScript's RegExp refuses or reads otherwise.
    expect(tagBySemver(tags, '*', '^v?(?P<major>6)\\.[0-9]+\\.0\\z')).toBe('v6.2.0');
    // Catastrophic under backtracking, on 2,000 registry tags of 2,000 characters each.
    const hostile = Array.from({ length: 2000 }, (_, i) => `${'a'.repeat(2000)}${i}`);
    const started = performance.now();
    expect(() => tagBySemver([...hostile, '1.0.0'], '*', '^(a+)+$')).toThrow('no match found for semver: *');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('revisions', () => {
  it.each([
    ['v1', 'sha256:ab', 'v1@sha256:ab'],
    [undefined, 'sha256:ab', 'sha256:ab'],
  ])('%s + %s', (tag, digest, want) => {
    expect(ociRevision(tag, digest)).toBe(want);
    expect(digestOfRevision(want)).toBe(digest);
  });
});

describe('layer selection', () => {
  const layers = [
    { mediaType: 'application/vnd.cncf.helm.config.v1+json', digest: 'sha256:1', size: 1 },
    { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest: 'sha256:2', size: 2 },
  ];
  it('takes the first layer by default, else the first with the media type', () => {
    expect(selectLayer(layers, undefined)).toBe(layers[0]);
    expect(selectLayer(layers, { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip' })).toBe(
      layers[1],
    );
    expect(selectLayer(layers, { mediaType: 'x' })).toEqual({
      problem: "failed to find layer with media type 'x' in artifact",
    });
    expect(selectLayer([], undefined)).toEqual({ problem: 'no layers found in artifact' });
  });

  it('defaults the operation to extract', () => {
    expect(layerOperation({})).toBe('extract');
    expect(layerOperation({ layerSelector: { operation: 'copy' } })).toBe('copy');
  });

  it.each([
    [{}, {}, false],
    [{ ignore: 'x' }, {}, true],
    [{ ignore: 'x' }, { observedIgnore: 'x' }, false],
    [{ layerSelector: { mediaType: 'a' } }, {}, true],
    [{ layerSelector: { mediaType: 'a' } }, { observedLayerSelector: { mediaType: 'a' } }, false],
    [
      { layerSelector: { mediaType: 'a', operation: 'copy' as const } },
      { observedLayerSelector: { mediaType: 'a' } },
      true,
    ],
  ])('content config %j vs %j changed: %s', (spec, status, want) => {
    expect(ociContentConfigChanged(spec, status)).toBe(want);
  });
});

describe('unsupported spec features fail loudly', () => {
  const url = 'oci://ghcr.io/a/b';
  it.each([
    [{ url, interval: '1m' }, undefined],
    [{ url, interval: '1m', provider: 'generic' as const }, undefined],
    [{ url, interval: '1m', provider: 'aws' as const, secretRef: { name: 's' } }, undefined],
    [
      { url, interval: '1m', provider: 'gcp' as const },
      {
        condition: 'FetchFailed',
        reason: 'AuthenticationFailed',
        message:
          'failed to get credential from gcp: cloud provider authentication is not supported by Tideline; use a secretRef',
      },
    ],
    [
      { url, interval: '1m', proxySecretRef: { name: 'p' } },
      {
        condition: 'FetchFailed',
        reason: 'AuthenticationFailed',
        message: 'failed to get proxy address: proxySecretRef is not supported by Tideline',
      },
    ],
    [
      { url, interval: '1m', certSecretRef: { name: 'c' } },
      {
        condition: 'FetchFailed',
        reason: 'AuthenticationFailed',
        message: `failed to generate transport for '${url}': certSecretRef is not supported by Tideline`,
      },
    ],
    [
      { url, interval: '1m', verify: { provider: 'cosign' as const } },
      {
        condition: 'SourceVerified',
        reason: 'VerificationError',
        message:
          "failed to verify the signature using provider 'cosign keyless': signature verification is not supported by Tideline",
      },
    ],
    [
      { url, interval: '1m', verify: { provider: 'notation' as const, secretRef: { name: 'k' } } },
      {
        condition: 'SourceVerified',
        reason: 'VerificationError',
        message:
          "failed to verify the signature using provider 'notation': signature verification is not supported by Tideline",
      },
    ],
  ])('%j', (spec, want) => {
    expect(unsupportedFeature(spec)).toEqual(want);
  });
});
