import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects.js';
import { waitForSet, WaitError } from './wait.js';
import { isWaitFinished, waitFailureMessage, type ObservedStatus, type WaitTarget } from './wait-plan.js';

const deploy: WaitTarget = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'apps', name: 'podinfo' };
const job: WaitTarget = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  namespace: 'apps',
  name: 'migrate',
  ttlJob: true,
};
const ns: WaitTarget = { apiVersion: 'v1', kind: 'Namespace', name: 'apps' };
const s = (status: ObservedStatus['status'], error?: string): ObservedStatus => ({
  status,
  ...(error ? { error } : {}),
});

describe('isWaitFinished', () => {
  it.each<[string, WaitTarget[], ObservedStatus[], boolean, boolean]>([
    ['all Current', [deploy, ns], [s('Current'), s('Current')], true, true],
    ['one InProgress', [deploy, ns], [s('InProgress'), s('Current')], true, false],
    ['Failed with fail-fast', [deploy, ns], [s('Failed'), s('InProgress')], true, true],
    [
      'Failed without fail-fast keeps waiting for the rest',
      [deploy, ns],
      [s('Failed'), s('InProgress')],
      false,
      false,
    ],
    [
      'Failed and Current only is terminal even without fail-fast',
      [deploy, ns],
      [s('Failed'), s('Current')],
      false,
      true,
    ],
    ['NotFound is not done', [deploy], [s('NotFound')], true, false],
    ['a TTL Job that is gone counts as Current', [job, ns], [s('NotFound'), s('Current')], true, true],
    ['Unknown is not done', [deploy], [s('Unknown', 'boom')], true, false],
    ['Terminating is not done', [deploy], [s('Terminating')], true, false],
  ])('%s', (_name, targets, observed, failFast, done) => {
    expect(isWaitFinished(targets, observed, failFast)).toBe(done);
  });
});

describe('waitFailureMessage', () => {
  it.each<[string, WaitTarget[], (ObservedStatus | undefined)[], boolean, string | undefined]>([
    ['all Current', [deploy, ns], [s('Current'), s('Current')], false, undefined],
    [
      'timeout lists every non-Current object',
      [deploy, ns],
      [s('InProgress'), s('Current')],
      true,
      "timeout waiting for: [Deployment/apps/podinfo status: 'InProgress']",
    ],
    [
      'timeout with NotFound and cluster-scoped objects',
      [deploy, ns],
      [s('NotFound'), s('Terminating')],
      true,
      "timeout waiting for: [Deployment/apps/podinfo status: 'NotFound', Namespace/apps status: 'Terminating']",
    ],
    [
      'fail fast lists only Failed objects',
      [deploy, ns],
      [s('Failed'), s('InProgress')],
      false,
      "failed early due to stalled resources: [Deployment/apps/podinfo status: 'Failed']",
    ],
    [
      'Failed is also reported on timeout',
      [deploy, ns],
      [s('Failed'), s('InProgress')],
      true,
      "timeout waiting for: [Deployment/apps/podinfo status: 'Failed', Namespace/apps status: 'InProgress']",
    ],
    [
      'errors are appended',
      [deploy],
      [s('Unknown', 'no matches for kind')],
      true,
      "timeout waiting for: [Deployment/apps/podinfo status: 'Unknown': no matches for kind]",
    ],
    [
      'never observed',
      [deploy],
      [undefined],
      true,
      "timeout waiting for: [can't determine status for Deployment/apps/podinfo]",
    ],
    ['a gone TTL Job is fine', [job], [s('NotFound')], true, undefined],
  ])('%s', (_name, targets, observed, timedOut, message) => {
    expect(waitFailureMessage(targets, observed, timedOut)).toBe(message);
  });
});

/** A simulated clock: sleeping advances time instantly. */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; sleeps: number[] } {
  let t = 0;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

const deployment = (ready: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'podinfo', namespace: 'apps', generation: 1 },
  spec: { replicas: 1 },
  status: {
    observedGeneration: 1,
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: ready,
    availableReplicas: ready,
    conditions: [
      { type: 'Available', status: ready ? 'True' : 'False', reason: 'x' },
      { type: 'Progressing', status: 'True', reason: ready ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated' },
    ],
  },
});

describe('waitForSet', () => {
  it('polls until Current', async () => {
    const clock = fakeClock();
    let polls = 0;
    await waitForSet(async () => deployment(++polls >= 3 ? 1 : 0), [deploy], {
      intervalMs: 5000,
      timeoutMs: 60_000,
      ...clock,
    });
    expect(polls).toBe(3);
    expect(clock.sleeps).toEqual([5000, 5000]);
  });

  it('times out with the last statuses, never sleeping past the deadline', async () => {
    const clock = fakeClock();
    const wait = waitForSet(async () => deployment(0), [deploy], {
      intervalMs: 5000,
      timeoutMs: 12_000,
      ...clock,
    });
    await expect(wait).rejects.toThrow(
      new WaitError("timeout waiting for: [Deployment/apps/podinfo status: 'InProgress']"),
    );
    expect(clock.sleeps).toEqual([5000, 5000, 2000]);
  });

  it('fails fast on a Failed object', async () => {
    const clock = fakeClock();
    const failed = {
      ...deployment(0),
      status: {
        observedGeneration: 1,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      },
    };
    await expect(
      waitForSet(async () => failed, [deploy], { intervalMs: 5000, timeoutMs: 60_000, ...clock }),
    ).rejects.toThrow("failed early due to stalled resources: [Deployment/apps/podinfo status: 'Failed']");
    expect(clock.sleeps).toEqual([]);
  });

  it('reports read errors as Unknown', async () => {
    const clock = fakeClock();
    const read = async (): Promise<KubeObject> => {
      throw new Error('no matches for kind "Widget" in version "example.com/v1"');
    };
    const target: WaitTarget = { apiVersion: 'example.com/v1', kind: 'Widget', namespace: 'apps', name: 'w' };
    await expect(waitForSet(read, [target], { intervalMs: 5000, timeoutMs: 5000, ...clock })).rejects.toThrow(
      `timeout waiting for: [Widget/apps/w status: 'Unknown': no matches for kind "Widget" in version "example.com/v1"]`,
    );
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const clock = fakeClock();
    const read = async (): Promise<KubeObject> => {
      controller.abort(new Error('cancelled'));
      return deployment(0);
    };
    await expect(
      waitForSet(read, [deploy], {
        intervalMs: 5000,
        timeoutMs: 60_000,
        signal: controller.signal,
        ...clock,
      }),
    ).rejects.toThrow('cancelled');
  });

  it('uses real timers by default', async () => {
    let polls = 0;
    await waitForSet(async () => deployment(++polls >= 2 ? 1 : 0), [deploy], {
      intervalMs: 20,
      timeoutMs: 5000,
    });
    expect(polls).toBe(2);
  });
});
