import { describe, expect, it } from 'vitest';
import {
  formatImageReference,
  manifestReference,
  parseImageReference,
  type ImageReference,
} from './image-reference.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('parseImageReference', () => {
  it.each<[string, ImageReference]>([
    ['nginx', { registry: 'docker.io', repository: 'library/nginx', tag: 'latest' }],
    ['nginx:1.25', { registry: 'docker.io', repository: 'library/nginx', tag: '1.25' }],
    ['bitnami/redis:7.2', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2' }],
    ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx', tag: 'latest' }],
    ['index.docker.io/library/nginx:1', { registry: 'docker.io', repository: 'library/nginx', tag: '1' }],
    [
      'ghcr.io/fluxcd/source-controller:v1.2.0',
      { registry: 'ghcr.io', repository: 'fluxcd/source-controller', tag: 'v1.2.0' },
    ],
    ['127.0.0.1:5000/app', { registry: '127.0.0.1:5000', repository: 'app', tag: 'latest' }],
    ['127.0.0.1:5000/team/app:v2', { registry: '127.0.0.1:5000', repository: 'team/app', tag: 'v2' }],
    ['localhost/app:dev', { registry: 'localhost', repository: 'app', tag: 'dev' }],
    ['localhost:5000/a/b/c:1', { registry: 'localhost:5000', repository: 'a/b/c', tag: '1' }],
    [`nginx@${DIGEST}`, { registry: 'docker.io', repository: 'library/nginx', digest: DIGEST }],
    [`quay.io/x/y:1.0@${DIGEST}`, { registry: 'quay.io', repository: 'x/y', tag: '1.0', digest: DIGEST }],
    ['registry.k8s.io/pause:3.9', { registry: 'registry.k8s.io', repository: 'pause', tag: '3.9' }],
    ['my_org/my-app__x.y:TAG_1', { registry: 'docker.io', repository: 'my_org/my-app__x.y', tag: 'TAG_1' }],
  ])('parses %s', (image, expected) => {
    expect(parseImageReference(image)).toEqual({ ok: true, reference: expected });
  });

  it.each([
    ['empty', ''],
    ['uppercase repository', 'docker.io/Library/Nginx'],
    ['bad tag', 'nginx:-bad'],
    ['empty tag', 'nginx:'],
    ['bad digest', 'nginx@sha256:xyz'],
    ['whitespace', ' nginx'],
    ['double slash', 'ghcr.io//app'],
    ['trailing separator', 'app-'],
  ])('rejects %s', (_what, image) => {
    const parsed = parseImageReference(image);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^invalid reference format/);
  });
});

describe('manifestReference and formatImageReference', () => {
  it.each<[string, string, string]>([
    ['nginx', 'latest', 'docker.io/library/nginx:latest'],
    ['127.0.0.1:5000/app:v1', 'v1', '127.0.0.1:5000/app:v1'],
    [`app:v1@${DIGEST}`, DIGEST, `docker.io/library/app:v1@${DIGEST}`],
  ])('%s → manifest %s, canonical %s', (image, manifest, canonical) => {
    const parsed = parseImageReference(image);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(manifestReference(parsed.reference)).toBe(manifest);
    expect(formatImageReference(parsed.reference)).toBe(canonical);
  });
});
