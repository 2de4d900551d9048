import { describe, expect, it } from 'vitest';
import { celStatusReader, InvalidCelExpressionError } from './cel-health.js';
import { computeStatus } from './kstatus.js';

const sealed = (status: Record<string, unknown>, generation = 1): Record<string, unknown> => ({
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  metadata: { name: 's', namespace: 'a', generation },
  status,
});

const reader = celStatusReader([
  {
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    failed: "status.conditions.filter(e, e.type == 'Synced').all(e, e.status == 'False')",
    current: "status.conditions.filter(e, e.type == 'Synced').all(e, e.status == 'True')",
  },
  {
    apiVersion: 'apps/v1',
    kind: '',
    current: 'status.readyReplicas == 3',
    inProgress: "has(status.paused) && status.paused == 'yes'",
  },
]);

describe('healthCheckExprs (fluxcd/pkg runtime/cel)', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'current',
      sealed({ observedGeneration: 1, conditions: [{ type: 'Synced', status: 'True' }] }),
      'Current',
    ],
    [
      'failed',
      sealed({ observedGeneration: 1, conditions: [{ type: 'Synced', status: 'False' }] }),
      'Failed',
    ],
    [
      'generation not observed',
      sealed({ observedGeneration: 0, conditions: [{ type: 'Synced', status: 'True' }] }, 1),
      'InProgress',
    ],
    [
      'no expression true',
      sealed({
        observedGeneration: 1,
        conditions: [
          { type: 'Synced', status: 'Unknown' },
          { type: 'Synced', status: 'True' },
        ],
      }),
      'InProgress',
    ],
    ['a missing field is an evaluation error', sealed({ observedGeneration: 1 }), 'Unknown'],
  ])('%s', (_name, obj, status) => {
    expect(computeStatus(obj, { custom: reader }).status).toBe(status);
  });

  it('a group-wide check (empty kind) replaces kstatus for the whole group, inProgress first', () => {
    const deploy = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'x', generation: 1 },
      spec: {},
      status: { readyReplicas: 3 },
    };
    expect(computeStatus(deploy, { custom: reader }).status).toBe('Current');
    expect(
      computeStatus({ ...deploy, status: { readyReplicas: 3, paused: 'yes' } }, { custom: reader }).status,
    ).toBe('InProgress');
    expect(
      computeStatus({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, { custom: reader })
        .status,
    ).toBe('Current');
  });

  it("refuses expressions that do not parse, in Flux's words", () => {
    expect(() => celStatusReader([{ apiVersion: 'v1', kind: 'ConfigMap', current: 'data.x ==' }])).toThrow(
      InvalidCelExpressionError,
    );
    expect(() => celStatusReader([{ apiVersion: 'v1', kind: 'ConfigMap', current: 'data.x ==' }])).toThrow(
      /^failed to create custom status evaluator for healthchecks\[0\]: failed to parse the expression Current: /,
    );
    expect(() =>
      celStatusReader([
        { apiVersion: 'v1', kind: 'ConfigMap', current: 'true' },
        { apiVersion: 'v1', kind: 'ConfigMap', current: 'true' },
      ]),
    ).toThrow('duplicate custom health check for GroupKind ConfigMap at healthchecks[1]');
  });
});
