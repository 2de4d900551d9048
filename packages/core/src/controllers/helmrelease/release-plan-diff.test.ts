import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
import { liveChanges, manifestDiff, redactDeep } from './release-plan-diff.js';

const deploy = (replicas: number, token = 'x'): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'app' },
    spec: { replicas, template: { metadata: { annotations: { token } } } },
  }) as KubeObject;
const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'app' },
} as KubeObject;
const secret = (value: string): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'app' },
    data: { k: value },
  }) as KubeObject;

describe('redactDeep', () => {
  it.each([
    ['a string holding a secret', 'pre-hunter2-post', ['hunter2'], 'pre-*****-post'],
    ['nested values, keys kept', { hunter2: ['hunter2'] }, ['hunter2'], { hunter2: ['*****'] }],
    ['longest secret first', 'abcd', ['ab', 'abcd'], '*****'],
    ['no secrets', { a: 1 }, [], { a: 1 }],
    ['empty strings ignored', 'text', [''], 'text'],
  ])('%s', (_name, value, secrets, expected) => {
    expect(redactDeep(value, secrets)).toEqual(expected);
  });
});

describe('manifestDiff', () => {
  it.each([
    {
      name: 'unchanged objects',
      stored: [deploy(1)],
      desired: [deploy(1)],
      actions: ['unchanged'],
      deleted: [],
    },
    {
      name: 'a changed field',
      stored: [deploy(1)],
      desired: [deploy(2)],
      actions: ['configured'],
      deleted: [],
      change: { path: 'spec.replicas', type: 'changed', before: '1', after: '2' },
    },
    {
      name: 'a new object and a deleted one',
      stored: [deploy(1), service],
      desired: [deploy(1), secret('YQ==')],
      actions: ['unchanged', 'created'],
      deleted: ['Service/app/web'],
    },
    {
      name: 'a Secret-derived value, its old value masked too',
      stored: [deploy(1, 'old-value')],
      desired: [deploy(1, 'new-value')],
      actions: ['configured'],
      deleted: [],
      change: {
        path: 'spec.template.metadata.annotations.token',
        type: 'changed',
        before: '***** (before)',
        after: '"*****"',
      },
    },
    {
      name: 'a Secret as fluxcd/pkg masks it',
      stored: [secret('YQ==')],
      desired: [secret('Yg==')],
      actions: ['configured'],
      deleted: [],
      change: { path: 'data.k', type: 'changed', before: '"*** (before)"', after: '"*** (after)"' },
    },
  ])('$name', ({ stored, desired, actions, deleted, change }) => {
    const diff = manifestDiff(stored, desired, ['new-value']);
    expect(diff.objects.map((o) => o.action)).toEqual(actions);
    expect(diff.deleted).toEqual(deleted);
    if (change) expect(diff.objects[0]?.changes).toEqual([change]);
    expect(JSON.stringify(diff)).not.toContain('new-value');
  });
});

describe('liveChanges', () => {
  const live = {
    ...deploy(3),
    metadata: { name: 'web', namespace: 'app', resourceVersion: '7', uid: 'u', generation: 2 },
    status: { readyReplicas: 3 },
  } as KubeObject;
  it.each([
    { name: 'absent from the cluster', live: undefined, ignore: [], action: 'created', paths: [] },
    { name: 'a drifted field', live, ignore: [], action: 'configured', paths: ['spec.replicas'] },
    { name: 'an ignored path', live, ignore: ['/spec/replicas'], action: 'unchanged', paths: [] },
  ])('$name', ({ live: current, ignore, action, paths }) => {
    const result = liveChanges(deploy(1), current, deploy(1), ignore, []);
    expect(result.action).toBe(action);
    expect(result.changes.map((c) => c.path)).toEqual(paths);
  });
});
