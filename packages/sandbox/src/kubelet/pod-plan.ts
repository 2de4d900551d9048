import type { V1Pod } from '@kubernetes/client-node';
import { containersMatchSpec, imagesSignature, runsToCompletion } from './pod-facts.js';
import { toMillis } from './timestamps.js';

/** What the kubelet remembers about a Pod between reconciles (lost on restart, by design). */
export interface PodMemory {
  /** When this kubelet first saw the Pod bound to one of its nodes. */
  firstSeenMs: number;
  /** The address allocated to the Pod. */
  podIP?: string;
  /** When this kubelet reported the Pod Running. */
  runningSinceMs?: number;
  /** The last failed image resolution, for which images. */
  pullFailure?: { atMs: number; imagesSignature: string };
}

/** Delays that shape a Pod's simulated life. */
export interface PodTimings {
  /** Bound → Running. */
  startDelayMs: number;
  /** Running → Succeeded, for Job Pods. */
  jobRunMs: number;
  /** Between attempts to resolve images that failed. */
  pullRetryMs: number;
}

/** The next step for one Pod. */
export type PodPlan =
  | { action: 'ignore'; why: 'other-node' | 'finished' | 'up-to-date' }
  | { action: 'delete' }
  | { action: 'wait'; afterMs: number }
  | { action: 'start' }
  | { action: 'complete' };

/** Everything {@link planPod} decides from besides the Pod. */
export interface PodPlanInput {
  nodeNames: ReadonlySet<string>;
  nowMs: number;
  memory: PodMemory;
  timings: PodTimings;
}

/**
 * Decides what to do with a Pod, from its current state only (level-based): ignore Pods of other
 * nodes and finished ones; delete Pods marked for deletion; start Pods that are not yet running
 * their spec once the start delay has passed (and any image back-off has expired); finish Pods
 * that run to completion (Jobs', `restartPolicy` Never/OnFailure) after `jobRunMs`. Pure.
 */
export function planPod(pod: V1Pod, input: PodPlanInput): PodPlan {
  const { nowMs, memory, timings } = input;
  const nodeName = pod.spec?.nodeName;
  if (nodeName === undefined || !input.nodeNames.has(nodeName))
    return { action: 'ignore', why: 'other-node' };
  if (pod.metadata?.deletionTimestamp) return { action: 'delete' };
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return { action: 'ignore', why: 'finished' };
  if (phase === 'Running' && containersMatchSpec(pod)) {
    if (!runsToCompletion(pod)) return { action: 'ignore', why: 'up-to-date' };
    const since = memory.runningSinceMs ?? toMillis(pod.status?.startTime) ?? nowMs;
    return waitUntil(since + timings.jobRunMs, nowMs) ?? { action: 'complete' };
  }
  const startWait = waitUntil(memory.firstSeenMs + timings.startDelayMs, nowMs);
  if (startWait !== undefined) return startWait;
  const failure = memory.pullFailure;
  if (failure !== undefined && failure.imagesSignature === imagesSignature(pod)) {
    const retryWait = waitUntil(failure.atMs + timings.pullRetryMs, nowMs);
    if (retryWait !== undefined) return retryWait;
  }
  return { action: 'start' };
}

function waitUntil(dueMs: number, nowMs: number): PodPlan | undefined {
  return dueMs > nowMs ? { action: 'wait', afterMs: dueMs - nowMs } : undefined;
}
