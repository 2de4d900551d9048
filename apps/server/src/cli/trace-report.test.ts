import { describe, expect, it } from 'vitest';
import { traceTargets } from './trace-command.js';
import { goTimeString, kustomizationTrace } from './trace-report.js';

describe('goTimeString', () => {
  it.each<[string | undefined, string]>([
    ['2024-03-05T07:08:09Z', '2024-03-05 07:08:09 +0000 UTC'],
    ['2024-03-05T09:08:09+02:00', '2024-03-05 07:08:09 +0000 UTC'],
    [undefined, '0001-01-01 00:00:00 +0000 UTC'],
  ])('%s', (iso, text) => expect(goTimeString(iso)).toBe(text));
});

describe('traceTargets', () => {
  it.each<[string[], { resource: string; name: string }[] | string]>([
    [['deployment', 'web'], [{ resource: 'deployment', name: 'web' }]],
    [
      ['cm', 'a', 'b'],
      [
        { resource: 'cm', name: 'a' },
        { resource: 'cm', name: 'b' },
      ],
    ],
    [
      ['pod/p-0', 'cm/redis'],
      [
        { resource: 'pod', name: 'p-0' },
        { resource: 'cm', name: 'redis' },
      ],
    ],
    [['deployment'], 'either `<resource>/<name>` or `<resource> <name>` is required as an argument'],
    [[], 'either `<resource>/<name>` or `<resource> <name>` is required as an argument'],
    [['cm', 'pod/x'], 'either `<resource>/<name>` or `<resource> <name>` is required as an argument'],
  ])('%j', (words, expected) => {
    if (typeof expected === 'string') expect(() => traceTargets(words)).toThrow(expected);
    else expect(traceTargets(words)).toEqual(expected);
  });
});

describe('kustomizationTrace', () => {
  it('prints Unknown without a Ready condition, a target namespace, and an OCI source’s digest', () => {
    const text = kustomizationTrace(
      { kind: 'Namespace', name: 'apps' },
      {
        metadata: { name: 'apps', namespace: 'flux-system' },
        spec: { path: './apps', targetNamespace: 'apps' },
      },
      undefined,
      {
        kind: 'OCIRepository',
        object: {
          metadata: { name: 'oci', namespace: 'flux-system' },
          spec: { url: 'oci://r/x', ref: { digest: 'sha256:ab' } },
        },
        ready: { status: 'False', message: 'boom', lastTransitionTime: '2024-03-05T07:08:09Z' },
      },
    );
    expect(text).toBe(
      [
        '',
        'Object:          Namespace/apps',
        'Status:          Managed by Flux',
        '---',
        'Kustomization:   apps',
        'Namespace:       flux-system',
        'Target:          apps',
        'Path:            ./apps',
        'Revision:        ',
        'Status:          Unknown',
        '---',
        'OCIRepository:   oci',
        'Namespace:       flux-system',
        'URL:             oci://r/x',
        'Digest:          sha256:ab',
        'Status:          Last reconciliation failed at 2024-03-05 07:08:09 +0000 UTC',
        'Message:         boom',
        '',
      ].join('\n'),
    );
  });
});
