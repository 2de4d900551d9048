import type {
  V1Container,
  V1ContainerStatus,
  V1Pod,
  V1PodCondition,
  V1PodStatus,
} from '@kubernetes/client-node';
import { mergeConditions } from './conditions.js';
import { fakeContainerId, fakeImageId } from './container-ids.js';
import type { ImageResolution } from './image-check-plan.js';

/** What the shell knows when it starts a Pod. */
export interface PodStartContext {
  now: Date;
  /** The Pod's address (the host's for `hostNetwork` Pods). */
  podIP: string;
  hostIP: string;
  /** Image check results; an image absent from the map is taken as present. */
  images: ReadonlyMap<string, ImageResolution>;
}

/** The status to write for a Pod, and whether it is now Running. */
export interface PodStatusDecision {
  status: V1PodStatus;
  running: boolean;
}

interface Waiting {
  reason: string;
  message?: string;
}

/**
 * The status of a Pod the kubelet has just (tried to) start: init containers completed, app
 * containers running and ready, phase Running — unless an image could not be resolved, in which
 * case that container waits (ImagePullBackOff, ErrImagePull or InvalidImageName), later init
 * containers and the app containers wait in PodInitializing when an init image failed, and the
 * Pod stays Pending with Ready/ContainersReady False. Pure.
 */
export function startedPodStatus(pod: V1Pod, context: PodStartContext): PodStatusDecision {
  const { now } = context;
  const uid = pod.metadata?.uid ?? '';
  const previous = pod.status;
  let initBlocked = false;
  const initContainerStatuses = (pod.spec?.initContainers ?? []).map((container): V1ContainerStatus => {
    if (initBlocked) return waitingStatus(container, { reason: 'PodInitializing' });
    const failure = pullFailure(container.image ?? '', context.images);
    if (failure !== undefined) {
      initBlocked = true;
      return waitingStatus(container, failure);
    }
    return completedInitStatus(uid, container, resolvedDigest(container, context.images), now);
  });
  const containerStatuses = (pod.spec?.containers ?? []).map((container): V1ContainerStatus => {
    if (initBlocked) return waitingStatus(container, { reason: 'PodInitializing' });
    const failure = pullFailure(container.image ?? '', context.images);
    if (failure !== undefined) return waitingStatus(container, failure);
    const existing = previous?.containerStatuses?.find((s) => s.name === container.name);
    if (
      existing !== undefined &&
      existing.image === container.image &&
      existing.ready &&
      existing.state?.running !== undefined
    )
      return existing;
    return runningStatus(uid, container, resolvedDigest(container, context.images), now);
  });
  const incomplete = initContainerStatuses
    .filter((s) => s.state?.terminated === undefined)
    .map((s) => s.name);
  const unready = containerStatuses.filter((s) => !s.ready).map((s) => s.name);
  const running = incomplete.length === 0 && unready.length === 0;
  const desired: V1PodCondition[] = [
    incomplete.length === 0
      ? { type: 'Initialized', status: 'True' }
      : {
          type: 'Initialized',
          status: 'False',
          reason: 'ContainersNotInitialized',
          message: `containers with incomplete status: [${incomplete.join(' ')}]`,
        },
    readiness('Ready', unready),
    readiness('ContainersReady', unready),
    { type: 'PodScheduled', status: 'True' },
  ];
  const status: V1PodStatus = {
    phase: running ? 'Running' : 'Pending',
    conditions: mergeConditions(previous?.conditions, desired, now),
    hostIP: context.hostIP,
    podIP: context.podIP,
    podIPs: [{ ip: context.podIP }],
    startTime: previous?.startTime ?? now,
    containerStatuses,
  };
  if (initContainerStatuses.length > 0) status.initContainerStatuses = initContainerStatuses;
  return { status, running };
}

/**
 * The status of a Pod whose containers have all exited: with code 0, phase Succeeded and
 * containers terminated with reason Completed; otherwise phase Failed, reason Error and that
 * exit code. Ready/ContainersReady False with reason PodCompleted. Pure.
 */
export function succeededPodStatus(pod: V1Pod, now: Date, exitCode = 0): V1PodStatus {
  const uid = pod.metadata?.uid ?? '';
  const previous = pod.status;
  const containerStatuses = (pod.spec?.containers ?? []).map((container): V1ContainerStatus => {
    const existing = previous?.containerStatuses?.find((s) => s.name === container.name);
    const containerID = existing?.containerID ?? fakeContainerId(uid, container.name);
    return {
      name: container.name,
      image: container.image ?? '',
      imageID: existing?.imageID || fakeImageId(container.image ?? ''),
      containerID,
      ready: false,
      started: false,
      restartCount: existing?.restartCount ?? 0,
      state: {
        terminated: {
          exitCode,
          reason: exitCode === 0 ? 'Completed' : 'Error',
          startedAt: existing?.state?.running?.startedAt ?? now,
          finishedAt: now,
          containerID,
        },
      },
    };
  });
  const completed = (type: string): V1PodCondition => ({ type, status: 'False', reason: 'PodCompleted' });
  const desired: V1PodCondition[] = [
    { type: 'Initialized', status: 'True', reason: 'PodCompleted' },
    completed('Ready'),
    completed('ContainersReady'),
    { type: 'PodScheduled', status: 'True' },
  ];
  return {
    ...previous,
    phase: exitCode === 0 ? 'Succeeded' : 'Failed',
    conditions: mergeConditions(previous?.conditions, desired, now),
    containerStatuses,
  };
}

function readiness(type: 'Ready' | 'ContainersReady', unready: readonly string[]): V1PodCondition {
  if (unready.length === 0) return { type, status: 'True' };
  return {
    type,
    status: 'False',
    reason: 'ContainersNotReady',
    message: `containers with unready status: [${unready.join(' ')}]`,
  };
}

function pullFailure(image: string, images: ReadonlyMap<string, ImageResolution>): Waiting | undefined {
  const resolution = images.get(image);
  switch (resolution?.kind) {
    case undefined:
    case 'present':
      return undefined;
    case 'missing':
      return { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` };
    case 'unreachable':
      return { reason: 'ErrImagePull', message: resolution.message };
    case 'invalid':
      return { reason: 'InvalidImageName', message: resolution.message };
  }
}

function resolvedDigest(
  container: V1Container,
  images: ReadonlyMap<string, ImageResolution>,
): string | undefined {
  const resolution = images.get(container.image ?? '');
  return resolution?.kind === 'present' ? resolution.digest : undefined;
}

function waitingStatus(container: V1Container, waiting: Waiting): V1ContainerStatus {
  return {
    name: container.name,
    image: container.image ?? '',
    imageID: '',
    ready: false,
    started: false,
    restartCount: 0,
    state: { waiting },
  };
}

function runningStatus(
  uid: string,
  container: V1Container,
  digest: string | undefined,
  now: Date,
): V1ContainerStatus {
  return {
    name: container.name,
    image: container.image ?? '',
    imageID: fakeImageId(container.image ?? '', digest),
    containerID: fakeContainerId(uid, container.name),
    ready: true,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: now } },
    lastState: {},
  };
}

function completedInitStatus(
  uid: string,
  container: V1Container,
  digest: string | undefined,
  now: Date,
): V1ContainerStatus {
  const containerID = fakeContainerId(uid, container.name);
  return {
    name: container.name,
    image: container.image ?? '',
    imageID: fakeImageId(container.image ?? '', digest),
    containerID,
    ready: true,
    restartCount: 0,
    state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: now, finishedAt: now, containerID } },
    lastState: {},
  };
}
