import { describeApiError } from './api-errors.js';
import { createImageChecker } from './image-checker.js';
import { createKubeClients } from './kube-clients.js';
import { startNodeAgent } from './node-agent.js';
import { simulatedNodeNames } from './node-object.js';
import { resolveKubeletOptions, type KubeletOptions } from './options.js';
import { startPodController } from './pod-controller.js';
import { startServiceController } from './service-controller.js';
import { startVolumeController } from './volume-controller.js';

/** A running simulated kubelet. */
export interface Kubelet {
  /** The Nodes it plays, e.g. `['tideline-sandbox-node-0']`. */
  nodeNames: string[];
  /** Stops every watch and timer; the Node objects stay (a restart reuses them). */
  stop(): Promise<void>;
}

/**
 * Starts a simulated kubelet (like kwok) against a real control plane: registers Ready Nodes
 * and keeps their Leases and heartbeats fresh, runs the Pods bound to them (Running after
 * `podStartDelayMs`, Jobs' Pods Succeeded, deleted Pods removed, optionally ImagePullBackOff
 * for images missing from `imageCheck.registryHost`), gives LoadBalancer Services an ingress
 * IP, and provisions volumes for PersistentVolumeClaims. Resolves once the Nodes are Ready and
 * every watch has listed its objects; throws (having stopped what it started) otherwise.
 */
export async function startKubelet(options: KubeletOptions): Promise<Kubelet> {
  const resolved = resolveKubeletOptions(options);
  const { logger, timings } = resolved;
  const clients = createKubeClients(resolved.kubeconfigPath);
  const nodeNames = simulatedNodeNames(resolved.nodeNamePrefix, resolved.nodes);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => logger(`stopping: ${describeApiError(error)}`));
    }
  };
  try {
    const nodes = await startNodeAgent({ clients, nodeNames, timings, logger });
    stops.push(() => nodes.stop());
    const imageChecker =
      resolved.imageCheck === undefined ? undefined : createImageChecker(resolved.imageCheck, logger);
    const podTimings = {
      startDelayMs: resolved.podStartDelayMs,
      jobRunMs: timings.jobRunMs,
      pullRetryMs: timings.pullRetryMs,
    };
    const pods = await startPodController({ clients, nodeNames, timings: podTimings, imageChecker, logger });
    stops.push(() => pods.stop());
    const services = await startServiceController({
      clients,
      loadBalancerIpBase: resolved.loadBalancerIpBase,
      logger,
    });
    stops.push(() => services.stop());
    const volumes = await startVolumeController({ clients, logger });
    stops.push(() => volumes.stop());
  } catch (error) {
    await stopAll();
    throw error;
  }
  logger(`simulated kubelet running nodes ${nodeNames.join(', ')}`);
  return { nodeNames, stop: stopAll };
}
