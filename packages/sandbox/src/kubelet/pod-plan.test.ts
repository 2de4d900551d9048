import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { planPod, type PodMemory, type PodPlan } from './pod-plan.js';

const NOW = 1_000_000;
const timings = { startDelayMs: 500, jobRunMs: 1000, pullRetryMs: 10_000 };
const nodeNames = new Set(['n-0']);
const jobOwner = [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u' }];
const runningNginx = {
  containerStatuses: [
    { name: 'a', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: {} } },
  ],
};

function pod(
  overrides: {
    nodeName?: string;
    deleting?: boolean;
    phase?: string;
    job?: boolean;
    running?: boolean;
    image?: string;
  } = {},
): V1Pod {
  return {
    metadata: {
      name: 'p',
      namespace: 'ns',
      uid: 'uid',
      deletionTimestamp: overrides.deleting ? new Date(NOW) : undefined,
      ownerReferences: overrides.job ? jobOwner : undefined,
    },
    spec: {
      nodeName: overrides.nodeName ?? 'n-0',
      containers: [{ name: 'a', image: overrides.image ?? 'nginx' }],
    },
    status: { phase: overrides.phase ?? 'Pending', ...(overrides.running ? runningNginx : {}) },
  };
}

function startedAt(p: V1Pod, ms: number): V1Pod {
  return { ...p, status: { ...p.status, startTime: new Date(ms).toISOString() as unknown as Date } };
}

describe('planPod', () => {
  it.each<[string, V1Pod, PodMemory, PodPlan]>([
    [
      'a Pod on another node',
      pod({ nodeName: 'elsewhere' }),
      { firstSeenMs: 0 },
      { action: 'ignore', why: 'other-node' },
    ],
    [
      'an unbound Pod',
      { metadata: {}, spec: { containers: [] } },
      { firstSeenMs: 0 },
      { action: 'ignore', why: 'other-node' },
    ],
    [
      'a Pod being deleted',
      pod({ deleting: true, phase: 'Running', running: true }),
      { firstSeenMs: 0 },
      { action: 'delete' },
    ],
    [
      'a finished Pod',
      pod({ phase: 'Succeeded' }),
      { firstSeenMs: 0 },
      { action: 'ignore', why: 'finished' },
    ],
    ['a failed Pod', pod({ phase: 'Failed' }), { firstSeenMs: 0 }, { action: 'ignore', why: 'finished' }],
    ['a Pod seen just now', pod(), { firstSeenMs: NOW - 100 }, { action: 'wait', afterMs: 400 }],
    ['a Pod past its start delay', pod(), { firstSeenMs: NOW - 500 }, { action: 'start' }],
    [
      'a running Pod',
      pod({ phase: 'Running', running: true }),
      { firstSeenMs: 0 },
      { action: 'ignore', why: 'up-to-date' },
    ],
    [
      'a running Pod whose image changed',
      pod({ phase: 'Running', running: true, image: 'nginx:2' }),
      { firstSeenMs: 0 },
      { action: 'start' },
    ],
    [
      'a Job Pod still running',
      pod({ job: true, phase: 'Running', running: true }),
      { firstSeenMs: 0, runningSinceMs: NOW - 300 },
      { action: 'wait', afterMs: 700 },
    ],
    [
      'a Job Pod that ran long enough',
      pod({ job: true, phase: 'Running', running: true }),
      { firstSeenMs: 0, runningSinceMs: NOW - 1000 },
      { action: 'complete' },
    ],
    [
      'a Job Pod started by an earlier run',
      startedAt(pod({ job: true, phase: 'Running', running: true }), NOW - 5000),
      { firstSeenMs: NOW },
      { action: 'complete' },
    ],
    [
      'a Job Pod of unknown age',
      pod({ job: true, phase: 'Running', running: true }),
      { firstSeenMs: NOW },
      { action: 'wait', afterMs: 1000 },
    ],
    [
      'a Pod in image back-off',
      pod(),
      { firstSeenMs: 0, pullFailure: { atMs: NOW - 4000, imagesSignature: 'nginx' } },
      { action: 'wait', afterMs: 6000 },
    ],
    [
      'a Pod whose back-off expired',
      pod(),
      { firstSeenMs: 0, pullFailure: { atMs: NOW - 10_000, imagesSignature: 'nginx' } },
      { action: 'start' },
    ],
    [
      'a Pod whose image changed during back-off',
      pod({ image: 'nginx:fixed' }),
      { firstSeenMs: 0, pullFailure: { atMs: NOW, imagesSignature: 'nginx' } },
      { action: 'start' },
    ],
  ])('%s', (_what, input, memory, expected) => {
    expect(planPod(input, { nodeNames, nowMs: NOW, memory, timings })).toEqual(expected);
  });
});
