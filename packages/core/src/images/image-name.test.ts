import { describe, expect, it } from 'vitest';
import { ImageNameError, parseImageName } from './image-name.js';

describe('parseImageName (image-reflector ParseImageReference)', () => {
  it.each([
    ['alpine', 'index.docker.io', 'library/alpine'],
    ['docker.io/library/alpine', 'index.docker.io', 'library/alpine'],
    ['docker.io/alpine', 'index.docker.io', 'library/alpine'],
    ['fluxcd/flux', 'index.docker.io', 'fluxcd/flux'],
    ['ghcr.io/myorg/my-app', 'ghcr.io', 'myorg/my-app'],
    ['127.0.0.1:5000/my-app', '127.0.0.1:5000', 'my-app'],
    ['localhost:5000/a/b/c', 'localhost:5000', 'a/b/c'],
    ['localhost/app', 'index.docker.io', 'localhost/app'],
    ['[::1]:5000/app', '[::1]:5000', 'app'],
  ])('%s → %s/%s', (image, registry, repository) => {
    expect(parseImageName(image)).toEqual({ registry, repository, canonical: `${registry}/${repository}` });
  });

  it.each([
    [
      'https://ghcr.io/org/app',
      "image 'https://ghcr.io/org/app' should not include URL scheme; remove 'https://'",
    ],
    ['ghcr.io/org/app:v1', "image 'ghcr.io/org/app:v1' should not include a tag; remove ':v1'"],
    ['alpine:3.18', "image 'alpine:3.18' should not include a tag; remove ':3.18'"],
    [
      `alpine@sha256:${'a'.repeat(64)}`,
      `image 'alpine@sha256:${'a'.repeat(64)}' should not include a tag; remove ':${'a'.repeat(64)}'`,
    ],
    ['ghcr.io/Org/App', 'could not parse reference: ghcr.io/Org/App'],
    ['', 'could not parse reference: '],
    ['ghcr.io/app:', 'could not parse reference: ghcr.io/app:'],
    ['a b', 'could not parse reference: a b'],
  ])('refuses %j', (image, message) => {
    expect(() => parseImageName(image)).toThrow(ImageNameError);
    expect(() => parseImageName(image)).toThrow(message);
  });
});
