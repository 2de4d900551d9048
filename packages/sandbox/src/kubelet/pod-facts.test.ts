import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  containersMatchSpec,
  imagesSignature,
  isJobPod,
  podImages,
  requestedExitCode,
  runsToCompletion,
} from './pod-facts.js';

const running = { running: { startedAt: new Date() } };

describe('isJobPod', () => {
  it.each<[string, V1Pod, boolean]>([
    [
      'a Job owner',
      { metadata: { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u' }] } },
      true,
    ],
    [
      'a ReplicaSet owner',
      { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r', uid: 'u' }] } },
      false,
    ],
    [
      'a foreign Job kind',
      { metadata: { ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'Job', name: 'j', uid: 'u' }] } },
      false,
    ],
    ['no owner', { metadata: {} }, false],
  ])('%s', (_what, pod, expected) => {
    expect(isJobPod(pod)).toBe(expected);
  });
});

describe('runsToCompletion and requestedExitCode', () => {
  it.each<[string, V1Pod, boolean]>([
    ['a Helm test Pod (restartPolicy Never)', { spec: { restartPolicy: 'Never', containers: [] } }, true],
    ['OnFailure', { spec: { restartPolicy: 'OnFailure', containers: [] } }, true],
    ['a Deployment Pod (Always)', { spec: { restartPolicy: 'Always', containers: [] } }, false],
    ['no policy (Always)', { spec: { containers: [] } }, false],
    [
      'a Job Pod',
      { metadata: { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u' }] } },
      true,
    ],
  ])('%s', (_what, pod, expected) => {
    expect(runsToCompletion(pod)).toBe(expected);
  });

  it.each<[string | undefined, number]>([
    [undefined, 0],
    ['1', 1],
    ['137', 137],
    ['x', 0],
    ['-1', 0],
    ['300', 0],
  ])('exit-code annotation %s ⇒ %i', (value, code) => {
    const annotations: Record<string, string> =
      value === undefined ? {} : { 'sandbox.tideline.dev/exit-code': value };
    expect(requestedExitCode({ metadata: { annotations } })).toBe(code);
  });
});

describe('podImages and imagesSignature', () => {
  const pod: V1Pod = {
    spec: {
      initContainers: [{ name: 'i', image: 'busybox' }],
      containers: [
        { name: 'a', image: 'nginx' },
        { name: 'b', image: 'busybox' },
      ],
    },
  };
  it('lists init then app images once each', () => {
    expect(podImages(pod)).toEqual(['busybox', 'nginx']);
    expect(imagesSignature(pod)).toBe('busybox\nnginx');
  });
});

describe('containersMatchSpec', () => {
  const spec = { containers: [{ name: 'a', image: 'nginx:1' }] };
  it.each<[string, V1Pod, boolean]>([
    ['no status yet', { spec }, false],
    [
      'running with the spec image',
      {
        spec,
        status: {
          containerStatuses: [
            { name: 'a', image: 'nginx:1', imageID: '', ready: true, restartCount: 0, state: running },
          ],
        },
      },
      true,
    ],
    [
      'running an old image',
      {
        spec,
        status: {
          containerStatuses: [
            { name: 'a', image: 'nginx:0', imageID: '', ready: true, restartCount: 0, state: running },
          ],
        },
      },
      false,
    ],
    [
      'not ready',
      {
        spec,
        status: {
          containerStatuses: [
            { name: 'a', image: 'nginx:1', imageID: '', ready: false, restartCount: 0, state: running },
          ],
        },
      },
      false,
    ],
    [
      'waiting',
      {
        spec,
        status: {
          containerStatuses: [
            {
              name: 'a',
              image: 'nginx:1',
              imageID: '',
              ready: true,
              restartCount: 0,
              state: { waiting: { reason: 'X' } },
            },
          ],
        },
      },
      false,
    ],
  ])('%s', (_what, pod, expected) => {
    expect(containersMatchSpec(pod)).toBe(expected);
  });
});
