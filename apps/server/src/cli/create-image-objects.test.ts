import { describe, expect, it } from 'vitest';
import {
  imagePolicyFromFlags,
  imageRepositoryFromFlags,
  imageUpdateFromFlags,
  validateExtract,
} from './create-image-objects.js';

describe('create image repository', () => {
  it('builds flux’s ImageRepository', () => {
    expect(
      imageRepositoryFromFlags('app', 'flux-system', {
        image: 'localhost:5000/app',
        intervalMs: 300_000,
        secretRef: 'pull',
        certSecretRef: 'tls',
        scanTimeoutMs: 30_000,
      }),
    ).toEqual({
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImageRepository',
      metadata: { name: 'app', namespace: 'flux-system' },
      spec: {
        image: 'localhost:5000/app',
        interval: '5m0s',
        timeout: '30s',
        secretRef: { name: 'pull' },
        certSecretRef: { name: 'tls' },
      },
    });
  });

  it.each([
    [undefined, 'an image repository (--image) is required'],
    ['alpine:3.19', "unable to parse image value: image 'alpine:3.19' should not include a tag"],
    ['https://ghcr.io/a', 'unable to parse image value: image'],
    ['UPPER', 'unable to parse image value: could not parse reference: UPPER'],
  ])('refuses --image %j', (image, message) => {
    expect(() => imageRepositoryFromFlags('a', 'ns', { image, intervalMs: 60_000 })).toThrow(message);
  });
});

describe('create image policy', () => {
  const base = { imageRef: 'podinfo' };
  it.each([
    [{ semver: '>=1.0.0' }, { semver: { range: '>=1.0.0' } }],
    [{ alpha: 'asc' }, { alphabetical: { order: 'asc' } }],
    [{ numeric: 'desc' }, { numerical: { order: 'desc' } }],
  ])('selects %j', (flags, policy) => {
    expect(imagePolicyFromFlags('p', 'ns', { ...base, ...flags }).spec).toEqual({
      imageRepositoryRef: { name: 'podinfo' },
      policy,
    });
  });

  it('keeps the filter and its extract', () => {
    const spec = imagePolicyFromFlags('p', 'ns', {
      ...base,
      numeric: 'asc',
      filterRegex: '^main-[a-f0-9]+-(?P<ts>[0-9]+)',
      filterExtract: '$ts',
    }).spec;
    expect(spec.filterTags).toEqual({ pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)', extract: '$ts' });
  });

  it.each([
    [{}, 'the name of an ImageRepository in the namespace is required (--image-ref)'],
    [{ ...base }, 'a policy must be provided with either --select-semver or --select-alpha'],
    [
      { ...base, semver: '1.x', alpha: 'asc' },
      'only one of --select-semver, --select-alpha or --select-numeric',
    ],
    [{ ...base, alpha: 'up' }, '--select-alpha must be one of ["asc", "desc"]'],
    [{ ...base, numeric: 'up' }, '--select-numeric must be one of ["asc", "desc"]'],
    [{ ...base, semver: '1.x', filterRegex: '(' }, '--filter-regex is an invalid regex pattern'],
    [
      { ...base, semver: '1.x', filterExtract: '$1' },
      'cannot specify --filter-extract without specifying --filter-regex',
    ],
    [
      { ...base, semver: '1.x', filterRegex: '(?P<ts>\\d+)', filterExtract: '$when' },
      'capture group $when used in --filter-extract not found in --filter-regex',
    ],
    [{ ...base, semver: '1.x', reflectDigest: 'Sometimes' }, 'invalid value for --reflect-digest'],
    [
      { ...base, semver: '1.x', intervalMs: 60_000 },
      "the --interval flag can only be used with the 'Always'",
    ],
  ])('refuses %j in flux’s words', (flags, message) => {
    expect(() => imagePolicyFromFlags('p', 'ns', flags)).toThrow(message);
  });

  it.each([
    ['$ts', ['', 'ts'], undefined],
    ['${ts}-$1-$$', ['', 'ts'], undefined],
    ['$', [''], '--filter-extract is malformed'],
    ['${ts', ['', 'ts'], '--filter-extract is malformed'],
    ['$other', ['', 'ts'], 'capture group $other used in --filter-extract not found in --filter-regex'],
  ])('validates the extract %j', (template, names, message) => {
    const check = () => validateExtract(template, names);
    if (message) expect(check).toThrow(message);
    else expect(check).not.toThrow();
  });
});

describe('create image update', () => {
  const required = {
    gitRepoRef: 'flux-system',
    checkoutBranch: 'main',
    authorName: 'flux',
    authorEmail: 'flux@example.com',
    intervalMs: 60_000,
  };

  it('builds flux’s ImageUpdateAutomation with the optional parts', () => {
    expect(
      imageUpdateFromFlags('u', 'apps', {
        ...required,
        gitRepoNamespace: 'flux-system',
        gitRepoPath: './clusters/my-cluster',
        pushBranch: 'image-updates',
        commitTemplate: 'bump',
        signingKeySecret: 'key',
        signingKeyType: 'ssh',
      }).spec,
    ).toEqual({
      sourceRef: { kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system' },
      git: {
        checkout: { ref: { branch: 'main' } },
        commit: {
          author: { name: 'flux', email: 'flux@example.com' },
          messageTemplate: 'bump',
          signingKey: { secretRef: { name: 'key' }, type: 'ssh' },
        },
        push: { branch: 'image-updates' },
      },
      interval: '1m0s',
      update: { path: './clusters/my-cluster', strategy: 'Setters' },
    });
  });

  it.each([
    ['gitRepoRef', 'a reference to a GitRepository is required (--git-repo-ref)'],
    ['checkoutBranch', 'the Git repository branch is required (--checkout-branch)'],
    ['authorName', 'the author name is required (--author-name)'],
    ['authorEmail', 'the author email is required (--author-email)'],
  ])('requires %s', (flag, message) => {
    expect(() => imageUpdateFromFlags('u', 'ns', { ...required, [flag]: undefined })).toThrow(message);
  });

  it.each([
    [{ signingKeyType: 'ssh' }, '--signing-key-type requires --signing-key-secret'],
    [{ signingKeySecret: 'k', signingKeyType: 'pgp' }, '--signing-key-type must be one of: gpg, ssh'],
  ])('refuses %j', (flags, message) => {
    expect(() => imageUpdateFromFlags('u', 'ns', { ...required, ...flags })).toThrow(message);
  });
});
