import type { V1Pod, V1PodStatus } from '@kubernetes/client-node';
import { pickFreeAddress, podAddressPool } from './address-pool.js';
import { isConflict, isNotFound } from './api-errors.js';
import type { Controller } from './controller.js';
import type { ImageChecker } from './image-checker.js';
import type { ImageResolution } from './image-check-plan.js';
import { mergePatch, type KubeClients } from './kube-clients.js';
import { startListWatch } from './list-watch.js';
import type { Logger } from './options.js';
import { imagesSignature, podImages, requestedExitCode, runsToCompletion } from './pod-facts.js';
import { planPod, type PodMemory, type PodTimings } from './pod-plan.js';
import { startedPodStatus, succeededPodStatus } from './pod-status.js';
import { WorkQueue, type ReconcileResult } from './work-queue.js';

/** The address of every simulated node (and of `hostNetwork` Pods). */
export const HOST_IP = '127.0.0.1';

/** What {@link startPodController} needs. */
export interface PodControllerOptions {
  clients: KubeClients;
  nodeNames: readonly string[];
  timings: PodTimings;
  /** Absent: every image is taken as present. */
  imageChecker: ImageChecker | undefined;
  logger: Logger;
}

/**
 * Plays the container runtime for Pods bound to the simulated nodes: watches bound Pods,
 * and for each one runs {@link planPod} and carries out its decision — start (image check,
 * address, Running status), complete (Pods that run to completion), delete (Pods marked for deletion, grace 0).
 * Resolves once the existing Pods are listed, so a restart picks up pending ones.
 */
export async function startPodController(options: PodControllerOptions): Promise<Controller> {
  const { clients, logger, timings } = options;
  const nodeNames = new Set(options.nodeNames);
  const memory = new Map<string, PodMemory>();
  const pool = podAddressPool();
  let cursor = 0;

  const queue = new WorkQueue({ name: 'pod', reconcile, logger, concurrency: 4 });
  const fieldSelector = 'spec.nodeName!=';
  const pods = startListWatch<V1Pod>({
    name: 'pods',
    kubeConfig: clients.kubeConfig,
    path: '/api/v1/pods',
    fieldSelector,
    list: () => clients.core.listPodForAllNamespaces({ fieldSelector }),
    onChange: (key) => queue.add(key),
    logger,
  });

  async function reconcile(key: string): Promise<ReconcileResult> {
    const pod = pods.get(key);
    if (pod === undefined) {
      memory.delete(key);
      return {};
    }
    const now = new Date();
    const remembered = memory.get(key) ?? { firstSeenMs: now.getTime() };
    const plan = planPod(pod, { nodeNames, nowMs: now.getTime(), memory: remembered, timings });
    if (plan.action === 'ignore') {
      if (plan.why === 'up-to-date') memory.set(key, remembered);
      else memory.delete(key);
      return {};
    }
    memory.set(key, remembered);
    switch (plan.action) {
      case 'wait':
        return { requeueAfterMs: plan.afterMs };
      case 'delete':
        await deletePod(pod);
        return {};
      case 'complete': {
        const exitCode = requestedExitCode(pod);
        await patchStatus(pod, succeededPodStatus(pod, now, exitCode));
        logger(`pod ${key} ${exitCode === 0 ? 'succeeded' : `failed (exit code ${exitCode})`}`);
        return {};
      }
      case 'start':
        return startPod(key, pod, remembered, now);
    }
  }

  async function startPod(
    key: string,
    pod: V1Pod,
    remembered: PodMemory,
    now: Date,
  ): Promise<ReconcileResult> {
    const images: Map<string, ImageResolution> = options.imageChecker
      ? await options.imageChecker.resolve(podImages(pod))
      : new Map();
    const podIP = addressFor(key, pod);
    const decision = startedPodStatus(pod, { now, podIP, hostIP: HOST_IP, images });
    await patchStatus(pod, decision.status);
    if (!decision.running) {
      memory.set(key, {
        ...remembered,
        podIP,
        pullFailure: { atMs: now.getTime(), imagesSignature: imagesSignature(pod) },
      });
      logger(`pod ${key} waiting: ${waitingReasons(decision.status)}`);
      return { requeueAfterMs: timings.pullRetryMs };
    }
    memory.set(key, { firstSeenMs: remembered.firstSeenMs, podIP, runningSinceMs: now.getTime() });
    logger(`pod ${key} running on ${pod.spec?.nodeName ?? '?'} at ${podIP}`);
    return runsToCompletion(pod) ? { requeueAfterMs: timings.jobRunMs } : {};
  }

  /** The Pod's address: kept once given; taken from the pool, skipping addresses in use. */
  function addressFor(key: string, pod: V1Pod): string {
    if (pod.spec?.hostNetwork) return HOST_IP;
    const known = memory.get(key)?.podIP ?? pod.status?.podIP;
    if (known) return known;
    const used = new Set<string>();
    for (const other of pods.values()) {
      const phase = other.status?.phase;
      if (other.status?.podIP && phase !== 'Succeeded' && phase !== 'Failed') used.add(other.status.podIP);
    }
    for (const entry of memory.values()) if (entry.podIP) used.add(entry.podIP);
    const picked = pickFreeAddress(pool, used, cursor);
    if (picked === undefined) throw new Error('the pod address pool 10.244.0.0/16 is exhausted');
    cursor = picked.nextCursor;
    return picked.address;
  }

  async function patchStatus(pod: V1Pod, status: V1PodStatus): Promise<void> {
    const name = pod.metadata?.name ?? '';
    const namespace = pod.metadata?.namespace ?? '';
    // The uid makes the patch fail (409) rather than touch a recreated Pod of the same name.
    const body = { metadata: { uid: pod.metadata?.uid }, status };
    await clients.core.patchNamespacedPodStatus({ name, namespace, body }, mergePatch());
  }

  async function deletePod(pod: V1Pod): Promise<void> {
    const name = pod.metadata?.name ?? '';
    const namespace = pod.metadata?.namespace ?? '';
    try {
      await clients.core.deleteNamespacedPod({
        name,
        namespace,
        gracePeriodSeconds: 0,
        body: { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata?.uid } },
      });
      logger(`pod ${namespace}/${name} deleted`);
    } catch (error) {
      if (!isNotFound(error) && !isConflict(error)) throw error;
    }
  }

  await pods.synced;
  return {
    async stop() {
      await pods.stop();
      await queue.stop();
    },
  };
}

function waitingReasons(status: V1PodStatus): string {
  return [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]
    .filter((s) => s.state?.waiting !== undefined)
    .map((s) => `${s.name} ${s.state?.waiting?.reason ?? ''}`)
    .join(', ');
}
