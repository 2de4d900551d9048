import { describe, expect, it } from 'vitest';
import { alertsCovering } from './alert-coverage.js';
import type { FluxResource } from './to-dto.js';

const object = (
  kind: string,
  namespace: string,
  name: string,
  labels?: Record<string, string>,
): FluxResource => ({
  apiVersion: 'x/v1',
  kind,
  metadata: { name, namespace, labels },
});
const alert = (name: string, namespace: string, spec: Record<string, unknown>): FluxResource => ({
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
  kind: 'Alert',
  metadata: { name, namespace },
  spec: { providerRef: { name: 'slack' }, ...spec },
});
const APPS = object('Kustomization', 'flux-system', 'apps', { team: 'web' });

describe('alertsCovering', () => {
  it.each<[string, Record<string, unknown>, string, boolean]>([
    ['by name', { eventSources: [{ kind: 'Kustomization', name: 'apps' }] }, 'flux-system', true],
    ['by wildcard', { eventSources: [{ kind: 'Kustomization', name: '*' }] }, 'flux-system', true],
    ['another kind', { eventSources: [{ kind: 'GitRepository', name: '*' }] }, 'flux-system', false],
    ['another name', { eventSources: [{ kind: 'Kustomization', name: 'infra' }] }, 'flux-system', false],
    [
      'the Alert’s namespace by default',
      { eventSources: [{ kind: 'Kustomization', name: '*' }] },
      'other',
      false,
    ],
    [
      'an explicit namespace',
      { eventSources: [{ kind: 'Kustomization', name: '*', namespace: 'flux-system' }] },
      'other',
      true,
    ],
    [
      'matching labels',
      { eventSources: [{ kind: 'Kustomization', name: '*', matchLabels: { team: 'web' } }] },
      'flux-system',
      true,
    ],
    [
      'other labels',
      { eventSources: [{ kind: 'Kustomization', name: '*', matchLabels: { team: 'db' } }] },
      'flux-system',
      false,
    ],
    ['no sources', {}, 'flux-system', false],
  ])('%s', (_name, spec, namespace, covered) =>
    expect(alertsCovering(APPS, [alert('a', namespace, spec)]).length > 0).toBe(covered),
  );

  it('reports provider, severity, suspension and filters', () => {
    expect(
      alertsCovering(APPS, [
        alert('errors', 'flux-system', {
          eventSeverity: 'error',
          suspend: true,
          exclusionList: ['^Dependencies'],
          eventSources: [{ kind: 'Kustomization', name: '*' }],
        }),
      ]),
    ).toEqual([
      {
        id: 'Alert/flux-system/errors',
        providerId: 'Provider/flux-system/slack',
        severity: 'error',
        suspended: true,
        filtered: true,
      },
    ]);
  });
});
