import { describe, expect, it } from 'vitest';
import type { ChangeSetEntry } from '../../kube/apply.js';
import type { KubeObject } from '../../kube/objects.js';
import { healthCheckTargets } from './health-targets.js';

const obj = (
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
  spec?: Record<string, unknown>,
): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  ...(spec ? { spec } : {}),
});
const entry = (o: KubeObject, action: ChangeSetEntry['action'] = 'created'): ChangeSetEntry => ({
  subject: `${o.kind}/${o.metadata.name}`,
  action,
  object: o,
});

const self = { name: 'apps', namespace: 'flux-system' };
const deploy = obj('apps/v1', 'Deployment', 'podinfo', 'apps');
const ns = obj('v1', 'Namespace', 'apps');
const skipped = obj('v1', 'ConfigMap', 'manual', 'apps');
const selfKs = obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'apps', 'flux-system');
const otherKs = obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'infra', 'flux-system');
const ttlJob = obj('batch/v1', 'Job', 'migrate', 'apps', { ttlSecondsAfterFinished: 0 });
const job = obj('batch/v1', 'Job', 'seed', 'apps', {});
const changeSet = [
  entry(ns),
  entry(deploy, 'unchanged'),
  entry(skipped, 'skipped'),
  entry(selfKs),
  entry(otherKs),
  entry(ttlJob),
  entry(job),
];
const built = [ns, deploy, skipped, selfKs, otherKs, ttlJob, job];

describe('healthCheckTargets', () => {
  it('is undefined when nothing is configured (Healthy is then removed)', () => {
    expect(healthCheckTargets({}, changeSet, built, self)).toBeUndefined();
    expect(healthCheckTargets({ wait: false, healthChecks: [] }, changeSet, built, self)).toBeUndefined();
    expect(healthCheckTargets({ wait: true }, [entry(skipped, 'skipped')], built, self)).toBeUndefined();
  });

  it('with wait, checks every applied object except skipped ones and itself', () => {
    expect(healthCheckTargets({ wait: true }, changeSet, built, self)).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', name: 'apps' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo', namespace: 'apps' },
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        name: 'infra',
        namespace: 'flux-system',
      },
      { apiVersion: 'batch/v1', kind: 'Job', name: 'migrate', namespace: 'apps', ttlJob: true },
      { apiVersion: 'batch/v1', kind: 'Job', name: 'seed', namespace: 'apps' },
    ]);
  });

  it('wait wins over healthChecks', () => {
    const targets = healthCheckTargets(
      { wait: true, healthChecks: [{ kind: 'Deployment', name: 'other', namespace: 'x' }] },
      changeSet,
      built,
      self,
    );
    expect(targets?.map((t) => t.name)).not.toContain('other');
  });

  it('healthChecks default to apps/v1 and keep an empty namespace empty', () => {
    const targets = healthCheckTargets(
      {
        healthChecks: [
          { kind: 'Deployment', name: 'podinfo', namespace: 'apps' },
          { apiVersion: '', kind: 'StatefulSet', name: 'db' },
          { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'redis', namespace: 'apps' },
          {
            apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
            kind: 'Kustomization',
            name: 'apps',
            namespace: 'flux-system',
          },
          { apiVersion: 'batch/v1', kind: 'Job', name: 'migrate', namespace: 'apps' },
        ],
      },
      [],
      built,
      self,
    );
    expect(targets).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo', namespace: 'apps' },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' },
      { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'redis', namespace: 'apps' },
      { apiVersion: 'batch/v1', kind: 'Job', name: 'migrate', namespace: 'apps', ttlJob: true },
    ]);
  });

  it('is empty when only the Kustomization itself would be checked', () => {
    expect(healthCheckTargets({ wait: true }, [entry(selfKs)], [selfKs], self)).toEqual([]);
  });
});
