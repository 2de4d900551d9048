import type { HelmReleasePlanDto, KustomizationPlanDto, PlannedObjectDto } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { planSummary } from './plan-summary';

const obj = (subject: string, action: PlannedObjectDto['action']): PlannedObjectDto => ({
  subject,
  action,
  changes:
    action === 'configured' ? [{ path: 'data.key', type: 'changed', before: '"a"', after: '"b"' }] : [],
  truncated: false,
  ...(action === 'failed' ? { error: 'dry-run failed' } : {}),
});
const plan = (patch: Partial<KustomizationPlanDto>): KustomizationPlanDto => ({
  revision: 'main@sha1:new',
  lastAppliedRevision: 'main@sha1:old',
  objects: [],
  pruned: [],
  durationMs: 12,
  ...patch,
});

describe('planSummary', () => {
  it.each([
    [
      'a next revision with every kind of change',
      plan({
        objects: [
          obj('ConfigMap/a/z', 'configured'),
          obj('ConfigMap/a/new', 'created'),
          obj('ConfigMap/a/same', 'unchanged'),
          obj('X/a/bad', 'failed'),
          obj('ConfigMap/a/ignored', 'skipped'),
        ],
        pruned: ['ConfigMap/a/gone'],
      }),
      false,
      'Next apply, main@sha1:new (last applied main@sha1:old): 1 to create, 1 to change, 1 to prune, 1 failing the dry-run; 1 object unchanged.',
      ['X/a/bad', 'ConfigMap/a/z', 'ConfigMap/a/new'],
    ],
    [
      'drift at the applied revision',
      plan({
        revision: 'main@sha1:old',
        objects: [
          obj('ConfigMap/a/b', 'configured'),
          obj('ConfigMap/a/c', 'unchanged'),
          obj('ConfigMap/a/d', 'unchanged'),
        ],
      }),
      true,
      'Drift from the last apply (main@sha1:old): 1 to change; 2 objects unchanged.',
      ['ConfigMap/a/b'],
    ],
    [
      'in sync',
      plan({ revision: 'main@sha1:old', objects: [obj('ConfigMap/a/c', 'unchanged')] }),
      false,
      'In sync with the last apply (main@sha1:old): nothing to change; 1 object unchanged.',
      [],
    ],
    [
      'never applied',
      plan({ lastAppliedRevision: undefined, objects: [obj('ConfigMap/a/n', 'created')] }),
      false,
      'Next apply, main@sha1:new (last applied never): 1 to create; 0 objects unchanged.',
      ['ConfigMap/a/n'],
    ],
  ])('%s', (_name, p, drift, headline, shown) => {
    const summary = planSummary(p);
    expect(summary.drift).toBe(drift);
    expect(summary.headline).toBe(headline);
    expect(summary.shown.map((o) => o.subject)).toEqual(shown);
  });

  it('counts every action', () => {
    expect(
      planSummary(plan({ objects: [obj('A/a/a', 'created'), obj('A/a/b', 'created')], pruned: ['A/a/c'] }))
        .counts,
    ).toEqual({
      created: 2,
      configured: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
      pruned: 1,
    });
  });

  const release = (patch: Partial<HelmReleasePlanDto>): HelmReleasePlanDto => ({
    kind: 'HelmRelease',
    revision: 'podinfo@6.2.2',
    lastAppliedRevision: 'podinfo@6.2.2',
    release: 'apps/podinfo.v3',
    valuesChanged: false,
    upgrade: [obj('Deployment/apps/podinfo', 'unchanged')],
    objects: [obj('Deployment/apps/podinfo', 'unchanged')],
    pruned: [],
    durationMs: 400,
    ...patch,
  });
  it.each([
    [
      'a HelmRelease in sync',
      release({}),
      false,
      'In sync with release apps/podinfo.v3 (podinfo@6.2.2): nothing to change; 1 object unchanged.',
      [],
    ],
    [
      'a HelmRelease drifted: the release renders as stored, the cluster differs',
      release({ objects: [obj('Deployment/apps/podinfo', 'configured')] }),
      true,
      'Drift from release apps/podinfo.v3 (podinfo@6.2.2): 1 to change; 0 objects unchanged.',
      ['Deployment/apps/podinfo'],
    ],
    [
      'a HelmRelease upgrade: values changed, an object deleted',
      release({
        valuesChanged: true,
        upgrade: [obj('Deployment/apps/podinfo', 'configured')],
        objects: [obj('Deployment/apps/podinfo', 'configured')],
        pruned: ['Service/apps/podinfo'],
      }),
      false,
      'Next upgrade, podinfo@6.2.2 (last applied apps/podinfo.v3, podinfo@6.2.2; values changed): 1 to change, 1 to delete; 0 objects unchanged.',
      ['Deployment/apps/podinfo'],
    ],
    [
      'a HelmRelease never installed',
      release({
        release: undefined,
        lastAppliedRevision: undefined,
        upgrade: [obj('A/a/a', 'created')],
        objects: [obj('A/a/a', 'created')],
      }),
      false,
      'Install, podinfo@6.2.2: 1 to create; 0 objects unchanged.',
      ['A/a/a'],
    ],
  ])('%s', (_name, p, drift, headline, shown) => {
    const summary = planSummary(p);
    expect(summary.drift).toBe(drift);
    expect(summary.headline).toBe(headline);
    expect(summary.shown.map((o) => o.subject)).toEqual(shown);
    expect(summary.upgrade?.map((o) => o.subject)).toEqual(
      p.upgrade.filter((o) => o.action !== 'unchanged').map((o) => o.subject),
    );
  });
});
