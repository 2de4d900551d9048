import { describe, expect, it } from 'vitest';
import { fakeContainerId, fakeImageId } from './container-ids.js';

const DIGEST = `sha256:${'cd'.repeat(32)}`;

describe('fakeImageId', () => {
  it.each<[string, string | undefined, RegExp]>([
    ['nginx:1.25', undefined, /^docker-pullable:\/\/nginx:1\.25@sha256:[0-9a-f]{64}$/],
    ['nginx:1.25', DIGEST, new RegExp(`^docker-pullable://nginx:1\\.25@${DIGEST}$`)],
    [`nginx@${DIGEST}`, undefined, new RegExp(`^docker-pullable://nginx@${DIGEST}$`)],
  ])('%s (resolved %s)', (image, resolved, expected) => {
    expect(fakeImageId(image, resolved)).toMatch(expected);
  });

  it('is stable per image and differs between images', () => {
    expect(fakeImageId('a:1')).toBe(fakeImageId('a:1'));
    expect(fakeImageId('a:1')).not.toBe(fakeImageId('a:2'));
  });
});

describe('fakeContainerId', () => {
  it('is a docker:// id, stable per pod, container and restart', () => {
    const id = fakeContainerId('uid-1', 'app');
    expect(id).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
    expect(fakeContainerId('uid-1', 'app')).toBe(id);
    expect(fakeContainerId('uid-1', 'sidecar')).not.toBe(id);
    expect(fakeContainerId('uid-2', 'app')).not.toBe(id);
    expect(fakeContainerId('uid-1', 'app', 1)).not.toBe(id);
  });
});
