import type { V1Node, V1NodeCondition, V1NodeStatus, V1Taint } from '@kubernetes/client-node';
import { mergeConditions } from './conditions.js';

/** The kubelet version the simulated nodes report (the control plane's version). */
export const SIMULATED_KUBELET_VERSION = 'v1.20.2';

/** Taints the node lifecycle controller puts on nodes it thinks are down. */
export const LIFECYCLE_TAINT_KEYS: readonly string[] = [
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
];

const RESOURCES = { cpu: '32', memory: '256Gi', pods: '250', 'ephemeral-storage': '1Ti' } as const;

/** Names of the simulated nodes: `<prefix>-0`, `<prefix>-1`, … (stable across restarts). Pure. */
export function simulatedNodeNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}

/** The labels a simulated node carries. Pure. */
export function simulatedNodeLabels(name: string): Record<string, string> {
  return {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'beta.kubernetes.io/arch': 'amd64',
    'node.kubernetes.io/instance-type': 'tideline-sim',
  };
}

/** A new Node object for `name`, status included (a real kubelet registers with its status). Pure. */
export function simulatedNode(name: string, now: Date): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: simulatedNodeLabels(name),
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'sandbox.tideline.dev/simulated': 'true' },
    },
    spec: {},
    status: {
      ...simulatedNodeStatus(name, undefined, now),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}

/**
 * The status a healthy simulated node reports: Ready, no pressure, fixed capacity, a fresh
 * heartbeat. Transition times are kept from `existing` when a condition did not change. Pure.
 */
export function simulatedNodeStatus(
  name: string,
  existing: V1NodeStatus | undefined,
  now: Date,
): V1NodeStatus {
  const condition = (type: string, status: string, reason: string, message: string): V1NodeCondition => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: now,
  });
  const desired = [
    condition(
      'MemoryPressure',
      'False',
      'KubeletHasSufficientMemory',
      'kubelet has sufficient memory available',
    ),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
  return {
    capacity: { ...RESOURCES },
    allocatable: { ...RESOURCES },
    conditions: mergeConditions(existing?.conditions, desired, now),
    addresses: [
      { type: 'InternalIP', address: '127.0.0.1' },
      { type: 'Hostname', address: name },
    ],
    nodeInfo: {
      machineID: 'tideline-sim',
      systemUUID: `tideline-sim-${name}`,
      bootID: 'tideline-sim',
      kernelVersion: '5.10.0-tideline-sim',
      osImage: 'Tideline simulated node',
      containerRuntimeVersion: 'docker://20.10.0',
      kubeletVersion: SIMULATED_KUBELET_VERSION,
      kubeProxyVersion: SIMULATED_KUBELET_VERSION,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

/**
 * The node's taints without the lifecycle controller's not-ready/unreachable taints, or
 * undefined when there is nothing to remove. Pure.
 */
export function withoutLifecycleTaints(taints: readonly V1Taint[] | undefined): V1Taint[] | undefined {
  if (taints === undefined) return undefined;
  const kept = taints.filter((t) => !LIFECYCLE_TAINT_KEYS.includes(t.key));
  return kept.length === taints.length ? undefined : kept;
}
