import { describe, expect, it } from 'vitest';
import { eventRows, lastSeen, referencedScopes, validateEventTypes, type KubeEvent } from './event-rows.js';
import { parseForSelector } from './events-command.js';

const now = Date.parse('2026-01-01T00:10:00Z');
const at = (minutesAgo: number): string => new Date(now - minutesAgo * 60_000).toISOString();

function event(name: string, fields: Partial<KubeEvent>): KubeEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'flux-system' },
    type: 'Normal',
    reason: 'Progressing',
    message: name,
    involvedObject: { kind: 'Kustomization', name: 'apps' },
    ...fields,
  };
}

describe('flux events rows', () => {
  it.each<[string, Partial<KubeEvent>, string]>([
    ['once: since the first timestamp', { firstTimestamp: at(3), lastTimestamp: at(1), count: 1 }, '3m'],
    [
      'repeated: last, count, over first',
      { firstTimestamp: at(8), lastTimestamp: at(0.5), count: 17 },
      '30s (x17 over 8m)',
    ],
    [
      'an events.k8s.io series',
      { eventTime: at(9), series: { count: 4, lastObservedTime: at(2) } },
      '2m (x4 over 9m)',
    ],
    ['no time at all', {}, '<unknown>'],
  ])('LAST SEEN %s', (_what, fields, text) => {
    expect(lastSeen(event('e', fields), now)).toBe(text);
  });

  it('sorts oldest first, keeps Flux kinds and --types, keeps multi-line messages', () => {
    const rows = eventRows(
      [
        event('new', { lastTimestamp: at(1), firstTimestamp: at(1) }),
        event('pod', { lastTimestamp: at(5), involvedObject: { kind: 'Pod', name: 'x' } }),
        event('old\nsecond line', {
          lastTimestamp: at(4),
          firstTimestamp: at(4),
          type: 'Warning',
          reason: 'BuildFailed',
        }),
      ],
      { types: [], showNamespace: false, now },
    );
    expect(rows).toEqual([
      ['4m', 'Warning', 'BuildFailed', 'Kustomization/apps', 'old\nsecond line'],
      ['60s', 'Normal', 'Progressing', 'Kustomization/apps', 'new'],
    ]);
    expect(eventRows([event('n', {})], { types: ['warning'], showNamespace: true, now })).toEqual([]);
    expect(eventRows([event('n', {})], { types: ['NORMAL'], showNamespace: true, now })[0]?.[0]).toBe(
      'flux-system',
    );
  });

  it('refuses types other than Normal and Warning in flux words', () => {
    expect(() => validateEventTypes(['normal', 'Warning'])).not.toThrow();
    expect(() => validateEventTypes(['error'])).toThrow(
      "type 'error' not supported. Supported types are Normal, Warning",
    );
  });

  it.each<[string, Record<string, unknown>, string, ReturnType<typeof referencedScopes>]>([
    [
      'Kustomization: its source, cross-namespace',
      { sourceRef: { kind: 'GitRepository', name: 'repo', namespace: 'src' } },
      'Kustomization',
      [{ kind: 'GitRepository', name: 'repo', namespace: 'src' }],
    ],
    [
      'HelmRelease: its chart source and generated HelmChart',
      { chart: { spec: { sourceRef: { kind: 'HelmRepository', name: 'charts' } } } },
      'HelmRelease',
      [
        { kind: 'HelmRepository', name: 'charts', namespace: 'apps' },
        { kind: 'HelmChart', name: 'apps-web', namespace: 'apps' },
      ],
    ],
    [
      'Alert: its Provider, never across namespaces',
      { providerRef: { name: 'slack', namespace: 'other' } },
      'Alert',
      [{ kind: 'Provider', name: 'slack', namespace: 'apps' }],
    ],
    [
      'ImagePolicy: its ImageRepository',
      { imageRepositoryRef: { name: 'img' } },
      'ImagePolicy',
      [{ kind: 'ImageRepository', name: 'img', namespace: 'apps' }],
    ],
    ['GitRepository: nothing', { url: 'x' }, 'GitRepository', []],
  ])('--for %s', (_what, spec, kind, scopes) => {
    expect(
      referencedScopes(
        { apiVersion: 'x/v1', kind, metadata: { name: 'web', namespace: 'apps' }, spec },
        'apps',
      ),
    ).toEqual(scopes);
  });

  it.each<[string, ReturnType<typeof parseForSelector> | string]>([
    ['Kustomization/apps', { kind: 'Kustomization', name: 'apps' }],
    ['Kustomization', { kind: 'Kustomization', name: undefined }],
    ['/apps', '--for selector must be of format <kind>[/<name>]'],
  ])('--for %s', (text, expected) => {
    if (typeof expected === 'string') expect(() => parseForSelector(text)).toThrow(expected);
    else expect(parseForSelector(text)).toEqual(expected);
  });
});
