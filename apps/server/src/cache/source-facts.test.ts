import { describe, expect, it } from 'vitest';
import type { EventDto } from '../api/dto.js';
import { sourceArtifact } from './source-facts.js';
import type { FluxResource } from './to-dto.js';

const repo = (artifact?: Record<string, unknown>, kind = 'GitRepository'): FluxResource => ({
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind,
  metadata: { name: 'apps', namespace: 'flux-system' },
  status: artifact ? ({ artifact } as FluxResource['status']) : {},
});
const event = (reason: string, message: string): EventDto => ({
  uid: message,
  namespace: 'flux-system',
  type: 'Normal',
  reason,
  message,
  object: 'GitRepository/apps',
  objectId: 'GitRepository/flux-system/apps',
  count: 1,
  source: 'source-controller',
});
const ARTIFACT = {
  revision: 'main@sha1:abc',
  digest: 'sha256:def',
  size: 1234,
  lastUpdateTime: '2026-01-01T00:00:00Z',
  url: 'http://127.0.0.1:1/secret-prefix/x.tar.gz',
};

describe('sourceArtifact', () => {
  it('reads the artifact, never its URL, and the newest stored commit subject', () => {
    const facts = sourceArtifact(repo(ARTIFACT), [
      event('ArtifactUpToDate', "artifact up-to-date with remote revision: 'main@sha1:abc'"),
      event('NewArtifact', "stored artifact for commit 'Scale my-app to 4 replicas'"),
      event('NewArtifact', "stored artifact for commit 'older'"),
    ]);
    expect(facts).toEqual({
      revision: 'main@sha1:abc',
      digest: 'sha256:def',
      size: 1234,
      lastUpdateTime: '2026-01-01T00:00:00Z',
      commitMessage: 'Scale my-app to 4 replicas',
    });
    expect(JSON.stringify(facts)).not.toContain('secret-prefix');
  });

  it.each([
    ['no artifact yet', repo(), []],
    ['an artifact without a revision', repo({ digest: 'sha256:x' }), []],
  ])('%s → undefined', (_name, obj, events) => expect(sourceArtifact(obj, events)).toBeUndefined());

  it('has no commit message for other sources or without the event', () => {
    expect(
      sourceArtifact(repo(ARTIFACT, 'OCIRepository'), [
        event('NewArtifact', "stored artifact for commit 'x'"),
      ]),
    ).not.toHaveProperty('commitMessage');
    expect(sourceArtifact(repo(ARTIFACT), [])).not.toHaveProperty('commitMessage');
  });
});
