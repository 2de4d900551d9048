import { describe, expect, it } from 'vitest';
import { planCrd, type CrdManifest } from './crd-plan.js';

const crd = (owner: string | undefined, versions: [string, boolean, boolean][]): CrdManifest => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: 'gitrepositories.source.toolkit.fluxcd.io',
    labels: owner ? { 'app.kubernetes.io/part-of': owner } : {},
  },
  spec: { versions: versions.map(([name, served, storage]) => ({ name, served, storage })) },
});

const ours = crd('tideline', [
  ['v1', true, true],
  ['v1beta2', true, false],
]);

describe('planCrd', () => {
  it('creates a missing CRD', () => {
    expect(planCrd(ours, undefined)).toEqual({ action: 'create', crd: ours });
  });

  it("leaves Flux's CRD alone, even with more versions, and names what it lacks", () => {
    const flux = crd('flux', [
      ['v1', true, true],
      ['v1beta1', true, false],
    ]);
    expect(planCrd(ours, flux)).toEqual({ action: 'keep', owner: 'flux', missingVersions: ['v1beta2'] });
    expect(planCrd(ours, crd(undefined, [['v1', true, true]]))).toMatchObject({
      action: 'keep',
      owner: 'another installer',
    });
  });

  it('updates its own CRD and keeps versions it no longer knows, served and not stored', () => {
    const installed = crd('tideline', [
      ['v1', true, true],
      ['v1alpha1', false, false],
    ]);
    const plan = planCrd(ours, installed);
    expect(plan.action).toBe('update');
    expect(plan.action === 'update' && plan.crd.spec.versions).toEqual([
      { name: 'v1', served: true, storage: true },
      { name: 'v1beta2', served: true, storage: false },
      { name: 'v1alpha1', served: true, storage: false },
    ]);
  });
});
