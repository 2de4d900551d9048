import type { V1ContainerStatus, V1Pod, V1PodCondition } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { ImageResolution } from './image-check-plan.js';
import { startedPodStatus, succeededPodStatus } from './pod-status.js';

const now = new Date('2024-03-01T12:00:00Z');
const scheduledAt = new Date('2024-03-01T11:59:59Z');
const REGISTRY_IMAGE = '127.0.0.1:5000/app:v1';

function pod(containers: string[], initContainers: string[] = []): V1Pod {
  return {
    metadata: { name: 'p', namespace: 'ns', uid: 'uid-1' },
    spec: {
      nodeName: 'n-0',
      containers: containers.map((image, i) => ({ name: `c${i}`, image })),
      initContainers:
        initContainers.length > 0 ? initContainers.map((image, i) => ({ name: `i${i}`, image })) : undefined,
    },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: scheduledAt }],
    },
  };
}

function start(p: V1Pod, images: Record<string, ImageResolution> = {}): ReturnType<typeof startedPodStatus> {
  return startedPodStatus(p, {
    now,
    podIP: '10.244.0.7',
    hostIP: '127.0.0.1',
    images: new Map(Object.entries(images)),
  });
}

function conditions(list: V1PodCondition[] | undefined): Record<string, string> {
  return Object.fromEntries(
    (list ?? []).map((c) => [c.type, `${c.status}${c.reason ? `/${c.reason}` : ''}`]),
  );
}

function states(list: V1ContainerStatus[] | undefined): Record<string, string> {
  return Object.fromEntries(
    (list ?? []).map((s) => [
      s.name,
      s.state?.running
        ? 'running'
        : s.state?.terminated
          ? `terminated/${s.state.terminated.reason}`
          : `waiting/${s.state?.waiting?.reason}`,
    ]),
  );
}

describe('startedPodStatus', () => {
  it('runs every container of a Pod whose images resolve', () => {
    const { status, running } = start(pod(['nginx:1.25', REGISTRY_IMAGE]), {
      [REGISTRY_IMAGE]: { kind: 'present', digest: `sha256:${'a'.repeat(64)}` },
    });
    expect(running).toBe(true);
    expect(status.phase).toBe('Running');
    expect(conditions(status.conditions)).toEqual({
      Initialized: 'True',
      Ready: 'True',
      ContainersReady: 'True',
      PodScheduled: 'True',
    });
    expect(status.conditions?.find((c) => c.type === 'PodScheduled')?.lastTransitionTime).toEqual(
      scheduledAt,
    );
    expect(status).toMatchObject({
      podIP: '10.244.0.7',
      podIPs: [{ ip: '10.244.0.7' }],
      hostIP: '127.0.0.1',
      startTime: now,
    });
    const [first, second] = status.containerStatuses ?? [];
    expect(first).toMatchObject({
      name: 'c0',
      image: 'nginx:1.25',
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: now } },
    });
    expect(first?.imageID).toMatch(/^docker-pullable:\/\/nginx:1\.25@sha256:[0-9a-f]{64}$/);
    expect(first?.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
    expect(second?.imageID).toBe(`docker-pullable://${REGISTRY_IMAGE}@sha256:${'a'.repeat(64)}`);
    expect(status.initContainerStatuses).toBeUndefined();
  });

  it('completes init containers before running the app', () => {
    const { status, running } = start(pod(['nginx'], ['busybox', 'alpine']));
    expect(running).toBe(true);
    expect(states(status.initContainerStatuses)).toEqual({
      i0: 'terminated/Completed',
      i1: 'terminated/Completed',
    });
    expect(status.initContainerStatuses?.[0]?.state?.terminated?.exitCode).toBe(0);
  });

  it('leaves a Pod with a missing image Pending in ImagePullBackOff', () => {
    const { status, running } = start(pod(['nginx', REGISTRY_IMAGE]), {
      [REGISTRY_IMAGE]: { kind: 'missing' },
    });
    expect(running).toBe(false);
    expect(status.phase).toBe('Pending');
    expect(states(status.containerStatuses)).toEqual({ c0: 'running', c1: 'waiting/ImagePullBackOff' });
    const waiting = status.containerStatuses?.[1];
    expect(waiting).toMatchObject({ ready: false, started: false, restartCount: 0, imageID: '' });
    expect(waiting?.state?.waiting?.message).toBe(`Back-off pulling image "${REGISTRY_IMAGE}"`);
    expect(conditions(status.conditions)).toEqual({
      Initialized: 'True',
      Ready: 'False/ContainersNotReady',
      ContainersReady: 'False/ContainersNotReady',
      PodScheduled: 'True',
    });
    expect(status.conditions?.find((c) => c.type === 'Ready')?.message).toBe(
      'containers with unready status: [c1]',
    );
  });

  it('blocks the app behind an init container whose image is missing', () => {
    const { status, running } = start(pod(['nginx'], ['busybox', REGISTRY_IMAGE, 'alpine']), {
      [REGISTRY_IMAGE]: { kind: 'missing' },
    });
    expect(running).toBe(false);
    expect(states(status.initContainerStatuses)).toEqual({
      i0: 'terminated/Completed',
      i1: 'waiting/ImagePullBackOff',
      i2: 'waiting/PodInitializing',
    });
    expect(states(status.containerStatuses)).toEqual({ c0: 'waiting/PodInitializing' });
    expect(conditions(status.conditions).Initialized).toBe('False/ContainersNotInitialized');
    expect(status.conditions?.find((c) => c.type === 'Initialized')?.message).toBe(
      'containers with incomplete status: [i1 i2]',
    );
  });

  it.each<[ImageResolution, string]>([
    [{ kind: 'unreachable', message: 'connection refused' }, 'ErrImagePull'],
    [{ kind: 'invalid', message: 'bad' }, 'InvalidImageName'],
  ])('maps %j to %s', (resolution, reason) => {
    const { status } = start(pod([REGISTRY_IMAGE]), { [REGISTRY_IMAGE]: resolution });
    expect(status.containerStatuses?.[0]?.state?.waiting).toEqual({
      reason,
      message: (resolution as { message: string }).message,
    });
  });

  it('keeps the start time and running containers of an earlier start', () => {
    const earlier = new Date('2024-03-01T11:00:00Z');
    const p = pod(['nginx']);
    const existing: V1ContainerStatus = {
      name: 'c0',
      image: 'nginx',
      imageID: 'x',
      ready: true,
      restartCount: 0,
      state: { running: { startedAt: earlier } },
    };
    p.status = { ...p.status, startTime: earlier, containerStatuses: [existing] };
    const { status } = start(p);
    expect(status.startTime).toEqual(earlier);
    expect(status.containerStatuses?.[0]).toBe(existing);
  });
});

describe('succeededPodStatus', () => {
  it('terminates every container with exit code 0 and reports the Pod Succeeded', () => {
    const p = pod(['busybox']);
    const started = start(p).status;
    const status = succeededPodStatus({ ...p, status: started }, new Date(now.getTime() + 1000));
    expect(status.phase).toBe('Succeeded');
    expect(states(status.containerStatuses)).toEqual({ c0: 'terminated/Completed' });
    const terminated = status.containerStatuses?.[0]?.state?.terminated;
    expect(terminated?.exitCode).toBe(0);
    expect(terminated?.startedAt).toEqual(now);
    expect(status.containerStatuses?.[0]?.containerID).toBe(started.containerStatuses?.[0]?.containerID);
    expect(conditions(status.conditions)).toEqual({
      Initialized: 'True/PodCompleted',
      Ready: 'False/PodCompleted',
      ContainersReady: 'False/PodCompleted',
      PodScheduled: 'True',
    });
    expect(status.podIP).toBe('10.244.0.7');
  });
});

describe('succeededPodStatus with a non-zero exit code', () => {
  it('terminates with reason Error and that code, and reports the Pod Failed', () => {
    const p = pod(['busybox']);
    const status = succeededPodStatus({ ...p, status: start(p).status }, new Date(now.getTime() + 1000), 3);
    expect(status.phase).toBe('Failed');
    expect(states(status.containerStatuses)).toEqual({ c0: 'terminated/Error' });
    expect(status.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(3);
  });
});
