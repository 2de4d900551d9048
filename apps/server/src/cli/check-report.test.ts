import { describe, expect, it } from 'vitest';
import { FLUX_KINDS } from '@tideline/core';
import { crdEntries, engineEntries, kubernetesEntry, parseKubeVersion } from './check-report.js';

describe('kubernetesEntry', () => {
  it.each<[string, string, boolean]>([
    ['v1.20.2', 'Kubernetes 1.20.2 >=1.20.0-0', false],
    ['v1.20.0', 'Kubernetes 1.20.0 >=1.20.0-0', false],
    ['v1.33.1-gke.1000', 'Kubernetes 1.33.1 >=1.20.0-0', false],
    ['v2.0.0', 'Kubernetes 2.0.0 >=1.20.0-0', false],
    ['v1.19.16', 'Kubernetes version 1.19.16 does not match >=1.20.0-0', true],
    ['v0.99.0', 'Kubernetes version 0.99.0 does not match >=1.20.0-0', true],
    ['banana', "error parsing kubernetes version: 'banana'", true],
  ])('%s', (version, name, failed) => {
    const entry = kubernetesEntry(version);
    expect(entry.name).toBe(name);
    expect(entry.failed ?? false).toBe(failed);
  });

  it('parses gitVersion with and without v', () => {
    expect(parseKubeVersion('1.2.3')).toEqual([1, 2, 3]);
    expect(parseKubeVersion('v1.2')).toBeUndefined();
  });
});

const ks = FLUX_KINDS.find((k) => k.kind === 'Kustomization')!;

describe('crdEntries', () => {
  const crd = (served: string[], stored: string[]) => ({
    metadata: { name: 'kustomizations.kustomize.toolkit.fluxcd.io' },
    spec: { versions: served.map((name) => ({ name, served: true })) },
    status: { storedVersions: stored },
  });
  it.each<[string, ReturnType<typeof crd>[], string, boolean]>([
    [
      'served as the registry serves it',
      [crd(['v1', 'v1beta2'], ['v1beta2', 'v1'])],
      'kustomizations.kustomize.toolkit.fluxcd.io/v1 (served: v1, v1beta2)',
      false,
    ],
    [
      'a version users write is not served',
      [crd(['v1'], ['v1'])],
      'kustomizations.kustomize.toolkit.fluxcd.io/v1 (served: v1) does not serve v1beta2',
      true,
    ],
    [
      'no stored version',
      [crd(['v1', 'v1beta2'], [])],
      'no stored versions for kustomizations.kustomize.toolkit.fluxcd.io',
      true,
    ],
    [
      'missing',
      [],
      'kustomizations.kustomize.toolkit.fluxcd.io not found (tideline start installs the CRDs)',
      true,
    ],
  ])('%s', (_what, crds, name, failed) => {
    expect(crdEntries(crds, [ks])).toEqual([failed ? { name, failed } : { name }]);
  });
});

describe('engineEntries', () => {
  const now = Date.parse('2024-01-01T00:01:00Z');
  const lease = (renewTime: string) => ({
    spec: { holderIdentity: 'host_1', renewTime, leaseDurationSeconds: 15 },
  });
  const flux = [
    { controller: 'source-controller', evidence: 'Deployment source-controller has 1 ready replica(s)' },
  ];
  it.each<[string, ReturnType<typeof lease> | undefined, typeof flux, { name: string; failed?: boolean }[]]>([
    ['a renewing leader', lease('2024-01-01T00:00:59.000000Z'), [], [{ name: 'engine: leader host_1' }]],
    [
      'a leader that stopped renewing',
      lease('2024-01-01T00:00:00Z'),
      [],
      [
        {
          name: 'engine: leader host_1 stopped renewing its Lease tideline-engine-leader-election',
          failed: true,
        },
      ],
    ],
    [
      'no lease',
      undefined,
      [],
      [
        {
          name: 'engine: no leader (Lease tideline-engine-leader-election not held in flux-system namespace)',
          failed: true,
        },
      ],
    ],
    [
      'Flux reconciles, no engine',
      undefined,
      flux,
      [{ name: 'source-controller: Deployment source-controller has 1 ready replica(s) (Flux reconciles)' }],
    ],
    [
      'Flux reconciles, the engine stands by',
      lease('2024-01-01T00:00:00Z'),
      flux,
      [
        { name: 'source-controller: Deployment source-controller has 1 ready replica(s) (Flux reconciles)' },
        { name: 'engine: standing by host_1' },
      ],
    ],
  ])('%s', (_what, l, f, expected) => {
    expect(engineEntries(l, f, 'flux-system', now)).toEqual(expected);
  });
});
