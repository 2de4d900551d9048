import type { V1Node } from '@kubernetes/client-node';
import { describeApiError, isConflict, isNotFound } from './api-errors.js';
import { mergePatch, type KubeClients } from './kube-clients.js';
import { NODE_LEASE_NAMESPACE, nodeLease, nodeLeaseSpec } from './lease.js';
import {
  simulatedNode,
  simulatedNodeLabels,
  simulatedNodeStatus,
  withoutLifecycleTaints,
} from './node-object.js';
import type { KubeletTimings, Logger } from './options.js';
import { startTicker } from './ticker.js';

/** Keeps the simulated Nodes registered, Ready and leased. */
export interface NodeAgent {
  stop(): Promise<void>;
}

/** What {@link startNodeAgent} needs. */
export interface NodeAgentOptions {
  clients: KubeClients;
  nodeNames: readonly string[];
  timings: KubeletTimings;
  logger: Logger;
}

const TAINT_ATTEMPTS = 3;

/**
 * Registers each Node (creating it, or updating the one a previous run left), reports it Ready
 * through the status subresource, removes leftover not-ready/unreachable taints and takes its
 * Lease; then renews the Leases every `leaseRenewMs` and the status heartbeat every
 * `nodeStatusMs`, so the node lifecycle controller never sees the Nodes go silent.
 */
export async function startNodeAgent(options: NodeAgentOptions): Promise<NodeAgent> {
  const { clients, logger } = options;
  const uids = new Map<string, string | undefined>();

  async function syncNode(name: string): Promise<void> {
    let node = await readNode(name);
    if (node === undefined) {
      node = await clients.core.createNode({ body: simulatedNode(name, new Date()) });
      logger(`registered node ${name}`);
    } else if (!hasLabels(node, simulatedNodeLabels(name))) {
      node = await clients.core.patchNode(
        { name, body: { metadata: { labels: simulatedNodeLabels(name) } } },
        mergePatch(),
      );
    }
    node = await clients.core.patchNodeStatus(
      { name, body: { status: simulatedNodeStatus(name, node.status, new Date()) } },
      mergePatch(),
    );
    uids.set(name, node.metadata?.uid);
    await removeLifecycleTaints(name, node);
  }

  async function removeLifecycleTaints(name: string, initial: V1Node): Promise<void> {
    let node: V1Node | undefined = initial;
    for (let attempt = 1; node !== undefined && attempt <= TAINT_ATTEMPTS; attempt++) {
      const kept = withoutLifecycleTaints(node.spec?.taints);
      if (kept === undefined) return;
      try {
        // The resourceVersion makes this a compare-and-swap: taints added meanwhile are not lost.
        const body = {
          metadata: { resourceVersion: node.metadata?.resourceVersion },
          spec: { taints: kept.length > 0 ? kept : null },
        };
        await clients.core.patchNode({ name, body }, mergePatch());
        logger(`removed lifecycle taints from node ${name}`);
        return;
      } catch (error) {
        if (!isConflict(error)) throw error;
        node = await readNode(name);
      }
    }
  }

  async function readNode(name: string): Promise<V1Node | undefined> {
    try {
      return await clients.core.readNode({ name });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async function renewLease(name: string): Promise<void> {
    const now = new Date();
    try {
      await clients.coordination.patchNamespacedLease(
        { name, namespace: NODE_LEASE_NAMESPACE, body: { spec: nodeLeaseSpec(name, now) } },
        mergePatch(),
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await clients.coordination.createNamespacedLease({
        namespace: NODE_LEASE_NAMESPACE,
        body: nodeLease(name, uids.get(name), now),
      });
    }
  }

  const forEachNode = async (what: string, task: (name: string) => Promise<void>): Promise<void> => {
    const results = await Promise.allSettled(options.nodeNames.map(task));
    results.forEach((result, i) => {
      if (result.status === 'rejected')
        logger(`${what} ${options.nodeNames[i]}: ${describeApiError(result.reason)}`);
    });
  };

  for (const name of options.nodeNames) {
    await syncNode(name);
    await renewLease(name);
  }
  const tickers = [
    startTicker(
      'node lease',
      options.timings.leaseRenewMs,
      () => forEachNode('renewing lease of', renewLease),
      logger,
    ),
    startTicker(
      'node status',
      options.timings.nodeStatusMs,
      () => forEachNode('updating status of', syncNode),
      logger,
    ),
  ];
  return {
    async stop() {
      await Promise.all(tickers.map((ticker) => ticker.stop()));
    },
  };
}

function hasLabels(node: V1Node, labels: Record<string, string>): boolean {
  const current = node.metadata?.labels ?? {};
  return Object.entries(labels).every(([key, value]) => current[key] === value);
}
