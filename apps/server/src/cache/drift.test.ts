import { describe, expect, it } from 'vitest';
import type { KustomizationPlanDto, PlannedObjectDto } from '../api/dto.js';
import {
  helmDrift,
  kustomizationDrift,
  PlanDriftMemory,
  planDriftRecord,
  type PlanDriftRecord,
} from './drift.js';
import type { FluxResource } from './to-dto.js';

const release = (conditions: NonNullable<FluxResource['status']>['conditions']): FluxResource =>
  ({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'podinfo', namespace: 'podinfo' },
    status: { conditions },
  }) as FluxResource;

const condition = (status: 'True' | 'False', reason: string, message: string) => ({
  type: 'Drifted',
  status,
  reason,
  message,
  lastTransitionTime: '2026-01-01T00:00:00Z',
});

describe('helmDrift', () => {
  it.each([
    ['no Drifted condition', release([]), undefined],
    [
      'Drifted=False',
      release([condition('False', 'NoDriftDetected', 'No drift detected against the cluster state')]),
      undefined,
    ],
    [
      "Drifted=True, the condition's first line",
      release([
        condition(
          'True',
          'DriftDetected',
          'Cluster state of release podinfo/podinfo.v2 has drifted from the desired state:\nDeployment/podinfo/podinfo changed (0 additions, 1 changes, 0 removals)',
        ),
      ]),
      {
        by: 'helm-controller',
        message: 'Cluster state of release podinfo/podinfo.v2 has drifted from the desired state:',
        at: '2026-01-01T00:00:00Z',
      },
    ],
    [
      'another kind with the same condition',
      { ...release([condition('True', 'DriftDetected', 'x')]), kind: 'Kustomization' } as FluxResource,
      undefined,
    ],
  ])('%s', (_name, obj, expected) => {
    expect(helmDrift(obj)).toEqual(expected);
  });
});

const planned = (action: PlannedObjectDto['action']): PlannedObjectDto => ({
  subject: `Deployment/apps/${action}`,
  action,
  changes: [],
  truncated: false,
});

const plan = (revision: string, lastApplied: string | undefined, actions: PlannedObjectDto['action'][]) =>
  ({
    revision,
    lastAppliedRevision: lastApplied,
    objects: actions.map(planned),
    pruned: [],
    durationMs: 1,
  }) satisfies KustomizationPlanDto;

describe('planDriftRecord', () => {
  it.each([
    [
      'at the applied revision, changes count',
      plan('r1', 'r1', ['configured', 'created', 'unchanged', 'failed']),
      2,
    ],
    ['at the applied revision, nothing differs', plan('r1', 'r1', ['unchanged', 'skipped']), 0],
    ['a newer revision: the next apply, not drift', plan('r2', 'r1', ['configured']), undefined],
    ['never applied', plan('r1', undefined, ['created']), undefined],
  ])('%s', (_name, p, changed) => {
    expect(planDriftRecord(p, 't')?.changed).toBe(changed);
  });
});

const kustomization = (lastAppliedRevision: string, lastReconciled?: string): FluxResource =>
  ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'apps', namespace: 'flux-system' },
    status: {
      lastAppliedRevision,
      ...(lastReconciled ? { history: [{ lastReconciled }] } : {}),
    },
  }) as FluxResource;

const found: PlanDriftRecord = { revision: 'r1', changed: 2, at: '2026-01-01T00:10:00Z' };

describe('kustomizationDrift', () => {
  it.each([
    ['no diff yet', kustomization('r1'), undefined, false],
    ['the diff found nothing', kustomization('r1'), { ...found, changed: 0 }, false],
    ['the diff found drift, nothing since', kustomization('r1', '2026-01-01T00:05:00Z'), found, true],
    ['a new revision was applied since', kustomization('r2'), found, false],
    [
      'a reconcile since re-applied (and corrected it)',
      kustomization('r1', '2026-01-01T00:11:00Z'),
      found,
      false,
    ],
  ])('%s', (_name, obj, record, drifted) => {
    const drift = kustomizationDrift(obj, record);
    expect(Boolean(drift)).toBe(drifted);
    if (drift)
      expect(drift).toEqual({
        by: 'diff',
        message: '2 objects differ from the last apply (r1)',
        at: found.at,
      });
  });
});

describe('PlanDriftMemory', () => {
  it('keeps one result per object, the newest capacity objects, and forgets on request', () => {
    const memory = new PlanDriftMemory(2);
    memory.set('a', found);
    memory.set('b', found);
    memory.set('a', { ...found, changed: 1 });
    memory.set('c', found);
    expect([memory.get('a')?.changed, memory.get('b'), memory.get('c')?.changed]).toEqual([1, undefined, 2]);
    memory.set('a', undefined);
    memory.drop('c');
    expect(memory.size).toBe(0);
  });
});
