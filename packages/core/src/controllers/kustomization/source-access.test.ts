import { describe, expect, it } from 'vitest';
import { sourceAccessDenied } from './source-access.js';

const ks = (namespace: string, sourceNamespace?: string) => ({
  metadata: { name: 'app', namespace },
  spec: {
    interval: '1m',
    prune: true,
    sourceRef: { kind: 'GitRepository' as const, name: 'repo', namespace: sourceNamespace },
  },
});

describe('sourceAccessDenied', () => {
  it.each([
    ['same namespace, implicit', ks('apps'), true, undefined],
    ['same namespace, explicit', ks('apps', 'apps'), true, undefined],
    ['other namespace, refs allowed', ks('apps', 'flux-system'), false, undefined],
    [
      'other namespace, refs blocked',
      ks('apps', 'flux-system'),
      true,
      "can't access 'GitRepository/flux-system/repo', cross-namespace references have been blocked",
    ],
  ])('%s', (_case, obj, blocked, message) => {
    expect(sourceAccessDenied(obj, blocked)).toBe(message);
  });
});
