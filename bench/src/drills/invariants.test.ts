import { describe, expect, it } from 'vitest';
import { expectedAppObjects } from './drill-content.js';
import { checkInvariants, inventoryIdOf, type ClusterSnapshot, type LiveObject } from './invariants.js';

const ksLabels = {
  'kustomize.toolkit.fluxcd.io/name': 'app-0',
  'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
};
const wanted = expectedAppObjects(0, 0);
const live = (labels: Record<string, string> = ksLabels): LiveObject[] =>
  wanted.map((o) => ({ ...o, labels, annotations: {} }));
const expectation = { kustomizations: new Map([['flux-system/app-0', wanted]]), helmReleases: ['apps/hr-0'] };
const deployed = { namespace: 'apps', release: 'hr-0', version: 1, status: 'deployed' };

function snapshot(over: Partial<ClusterSnapshot>): ClusterSnapshot {
  return {
    objects: live(),
    kustomizations: [{ namespace: 'flux-system', name: 'app-0', inventory: wanted.map(inventoryIdOf) }],
    helmReleases: [],
    helmStorage: [deployed],
    ...over,
  };
}

describe('checkInvariants', () => {
  it.each([
    ['a converged cluster', snapshot({}), {}],
    [
      'an object pruned that Git still has',
      snapshot({ objects: live().slice(1) }),
      { wrongPrunes: ['apps_app-0_apps_Deployment (Kustomization flux-system/app-0)'] },
    ],
    [
      'an owned object missing from the inventory',
      snapshot({
        kustomizations: [
          { namespace: 'flux-system', name: 'app-0', inventory: wanted.slice(1).map(inventoryIdOf) },
        ],
      }),
      {
        orphans: ['apps_app-0_apps_Deployment (labelled for Kustomization flux-system/app-0)'],
        inventoryMismatches: [expect.stringContaining('Kustomization flux-system/app-0: [')],
      },
    ],
    [
      'a stale object left after its rename',
      snapshot({
        objects: [...live(), { ...wanted[4]!, name: 'app-0-old', labels: ksLabels, annotations: {} }],
      }),
      {
        orphans: ['apps_app-0-old__ConfigMap (labelled for Kustomization flux-system/app-0)'],
        unpruned: ['apps_app-0-old__ConfigMap (Kustomization flux-system/app-0)'],
      },
    ],
    [
      'a release stuck pending and a second deployed revision',
      snapshot({
        helmStorage: [
          deployed,
          { ...deployed, version: 2, status: 'deployed' },
          { ...deployed, version: 3, status: 'pending-upgrade' },
        ],
      }),
      { helmReleases: ['apps/hr-0: 2 deployed revisions', 'apps/hr-0: revision 3 stuck in pending-upgrade'] },
    ],
    [
      'a release no HelmRelease owns, and no release at all for one',
      snapshot({ helmStorage: [{ ...deployed, release: 'hr-9' }] }),
      { helmReleases: ['apps/hr-0: 0 deployed revisions', 'apps/hr-9: a release no HelmRelease owns'] },
    ],
    [
      'an object rendered by Helm for a release nobody owns',
      snapshot({
        objects: [
          ...live(),
          {
            ...wanted[0]!,
            name: 'x',
            labels: {},
            annotations: { 'meta.helm.sh/release-name': 'gone', 'meta.helm.sh/release-namespace': 'apps' },
          },
        ],
      }),
      { orphans: ['apps_x_apps_Deployment (rendered by Helm release apps/gone, which no HelmRelease owns)'] },
    ],
  ])('%s', (_name, snap, expected) => {
    expect(checkInvariants(snap, expectation)).toEqual({
      orphans: [],
      wrongPrunes: [],
      unpruned: [],
      inventoryMismatches: [],
      helmReleases: [],
      ...expected,
    });
  });
});
