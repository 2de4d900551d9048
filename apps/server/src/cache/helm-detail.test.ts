import { describe, expect, it } from 'vitest';
import { helmDetail } from './helm-detail.js';
import type { FluxResource } from './to-dto.js';

const HR: FluxResource = {
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'podinfo', namespace: 'apps' },
  spec: {
    values: { replicaCount: 2 },
    valuesFrom: [
      { kind: 'ConfigMap', name: 'podinfo-values' },
      {
        kind: 'Secret',
        name: 'podinfo-secrets',
        valuesKey: 'prod.yaml',
        targetPath: 'auth.token',
        optional: true,
      },
    ],
  },
  status: {
    history: [
      {
        version: 2,
        status: 'deployed',
        action: 'upgrade',
        chartName: 'podinfo',
        chartVersion: '6.2.3',
        appVersion: '6.2.3',
        lastDeployed: '2026-01-01T00:02:00Z',
        digest: 'sha256:b',
        testHooks: {
          'podinfo-grpc-test': {
            phase: 'Succeeded',
            lastStarted: '2026-01-01T00:02:10Z',
            lastCompleted: '2026-01-01T00:02:14Z',
          },
          'podinfo-jwt-test': null,
        },
      },
      { version: 1, status: 'superseded', chartName: 'podinfo', chartVersion: '6.2.2' },
    ],
    upgradeFailures: 1,
    failures: 1,
    lastHandledForceAt: '2026-01-01T00:01:00Z',
  } as FluxResource['status'],
};

describe('helmDetail', () => {
  it('reads history, tests, counters and values sources (never their contents)', () => {
    const detail = helmDetail(HR);
    expect(detail?.history.map((h) => `${h.version} ${h.status} ${h.chart}`)).toEqual([
      '2 deployed podinfo@6.2.3',
      '1 superseded podinfo@6.2.2',
    ]);
    expect(detail?.history[0]?.tests).toEqual([
      {
        name: 'podinfo-grpc-test',
        phase: 'Succeeded',
        lastStarted: '2026-01-01T00:02:10Z',
        lastCompleted: '2026-01-01T00:02:14Z',
      },
      { name: 'podinfo-jwt-test', phase: 'Unknown' },
    ]);
    expect(detail).toMatchObject({
      failures: 1,
      installFailures: 0,
      upgradeFailures: 1,
      lastHandledForceAt: '2026-01-01T00:01:00Z',
    });
    expect(detail?.valuesYaml).toBe('replicaCount: 2\n');
    expect(detail?.valuesFrom).toEqual([
      'ConfigMap apps/podinfo-values[values.yaml]',
      'Secret apps/podinfo-secrets[prod.yaml] → auth.token (optional)',
    ]);
  });

  it('is undefined for other kinds', () => {
    expect(helmDetail({ ...HR, kind: 'Kustomization' })).toBeUndefined();
  });
});
