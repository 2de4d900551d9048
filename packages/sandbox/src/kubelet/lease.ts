import { V1MicroTime, type V1Lease } from '@kubernetes/client-node';

/** Namespace holding the node heartbeat Leases. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** Lease duration the simulated kubelet announces (the real kubelet's default). */
export const NODE_LEASE_DURATION_SECONDS = 40;

/**
 * The heartbeat Lease of node `nodeName`, owned by the Node so it goes away with it. Times are
 * `V1MicroTime`s: the API server only accepts six fractional digits for MicroTime fields. Pure.
 */
export function nodeLease(nodeName: string, nodeUid: string | undefined, now: Date): V1Lease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: nodeName,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences:
        nodeUid === undefined
          ? undefined
          : [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid }],
    },
    spec: nodeLeaseSpec(nodeName, now),
  };
}

/** The part of the node Lease that is renewed on every heartbeat. Pure. */
export function nodeLeaseSpec(nodeName: string, now: Date): NonNullable<V1Lease['spec']> {
  return {
    holderIdentity: nodeName,
    leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS,
    renewTime: new V1MicroTime(now.getTime()),
  };
}
