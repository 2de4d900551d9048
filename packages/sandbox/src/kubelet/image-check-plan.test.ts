import { describe, expect, it } from 'vitest';
import {
  classifyManifestResponse,
  planImageCheck,
  type ImageCheckStep,
  type ImageResolution,
} from './image-check-plan.js';

const DIGEST = `sha256:${'0f'.repeat(32)}`;

describe('planImageCheck', () => {
  it.each<[string, string, boolean, ImageCheckStep]>([
    [
      '127.0.0.1:5000/app:v1',
      '127.0.0.1:5000',
      true,
      { kind: 'probe', url: 'http://127.0.0.1:5000/v2/app/manifests/v1' },
    ],
    [
      '127.0.0.1:5000/team/app',
      '127.0.0.1:5000',
      false,
      { kind: 'probe', url: 'https://127.0.0.1:5000/v2/team/app/manifests/latest' },
    ],
    [
      `127.0.0.1:5000/app:v1@${DIGEST}`,
      '127.0.0.1:5000',
      true,
      { kind: 'probe', url: `http://127.0.0.1:5000/v2/app/manifests/${DIGEST}` },
    ],
    [
      'Registry.Local:5000/app',
      'registry.local:5000',
      true,
      { kind: 'probe', url: 'http://Registry.Local:5000/v2/app/manifests/latest' },
    ],
    ['nginx:1.25', '127.0.0.1:5000', true, { kind: 'accept' }],
    ['127.0.0.1:5001/app', '127.0.0.1:5000', true, { kind: 'accept' }],
    ['ghcr.io/org/app:1', '127.0.0.1:5000', true, { kind: 'accept' }],
  ])('%s against %s (insecure %s)', (image, host, insecure, expected) => {
    expect(planImageCheck(image, host, insecure)).toEqual(expected);
  });

  it('reports an unparseable image as invalid, naming it', () => {
    const step = planImageCheck('127.0.0.1:5000/App:v1', '127.0.0.1:5000', true);
    expect(step.kind).toBe('invalid');
    if (step.kind === 'invalid')
      expect(step.message).toContain(`couldn't parse image reference "127.0.0.1:5000/App:v1"`);
  });
});

describe('classifyManifestResponse', () => {
  it.each<[number, string | null, boolean, ImageResolution]>([
    [200, DIGEST, false, { kind: 'present', digest: DIGEST }],
    [200, null, false, { kind: 'present' }],
    [200, 'weird', false, { kind: 'present' }],
    [404, null, false, { kind: 'missing' }],
    [401, null, false, { kind: 'present' }],
    [401, null, true, { kind: 'unreachable', message: 'unauthorized: registry answered 401' }],
    [403, null, true, { kind: 'unreachable', message: 'unauthorized: registry answered 403' }],
    [500, null, false, { kind: 'unreachable', message: 'registry answered HTTP 500' }],
  ])('HTTP %i (digest %s, credentials %s)', (status, digest, creds, expected) => {
    expect(classifyManifestResponse(status, digest, creds)).toEqual(expected);
  });
});
