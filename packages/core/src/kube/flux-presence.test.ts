import { describe, expect, it } from 'vitest';
import type { KubeObject } from './objects.js';
import { fluxControllersRunning } from './flux-presence.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const deployment = (name: string, readyReplicas?: number): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    status: { readyReplicas },
  }) as KubeObject;
const lease = (name: string, holder: string, renewedAgoMs: number, seconds = 35): KubeObject =>
  ({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name },
    spec: {
      holderIdentity: holder,
      renewTime: new Date(NOW - renewedAgoMs).toISOString(),
      leaseDurationSeconds: seconds,
    },
  }) as KubeObject;

describe('fluxControllersRunning', () => {
  it('sees ready Deployments of Flux controllers only', () => {
    const found = fluxControllersRunning(
      [deployment('kustomize-controller', 1), deployment('source-controller', 0), deployment('podinfo', 3)],
      [],
      NOW,
    );
    expect(found).toEqual([
      {
        controller: 'kustomize-controller',
        evidence: 'Deployment kustomize-controller has 1 ready replica(s)',
      },
    ]);
  });

  it('sees leader-election Leases that are held and renewed', () => {
    const found = fluxControllersRunning(
      [],
      [
        lease('helm-controller-leader-election', 'helm-controller-7d9f_1', 5_000),
        lease('source-controller-leader-election', 'source-controller-1', 200_000),
        lease('notification-controller-leader-election', '', 1_000),
      ],
      NOW,
    );
    expect(found.map((s) => s.controller)).toEqual(['helm-controller']);
  });
});
