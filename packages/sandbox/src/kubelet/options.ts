/** Receives one line of the kubelet's log. */
export type Logger = (message: string) => void;

/** Where and how the simulated kubelet verifies container images before "pulling" them. */
export interface ImageCheckOptions {
  /** `host[:port]` of the registry whose images are verified; images elsewhere are accepted. */
  registryHost: string;
  /** Talk plain HTTP to the registry instead of HTTPS. */
  insecure?: boolean;
  /** Basic-auth credentials, when the registry requires them (the node's pull credentials). */
  credentials?: { username: string; password: string };
}

/** Options for `startKubelet`. */
export interface KubeletOptions {
  /** Admin kubeconfig of the control plane. */
  kubeconfigPath: string;
  /** How many Nodes to simulate (default 1). */
  nodes?: number;
  /** Node names are `<prefix>-0`, `<prefix>-1`, … (default `tideline-sandbox-node`). */
  nodeNamePrefix?: string;
  /** Delay between a Pod being bound and it being reported Running (default 500 ms). */
  podStartDelayMs?: number;
  /** Verify images on this registry; a missing manifest leaves the Pod in ImagePullBackOff. */
  imageCheck?: ImageCheckOptions;
  /** LoadBalancer ingress IPs are `<base>10`, `<base>11`, … (default `172.18.255.`). */
  loadBalancerIpBase?: string;
  logger?: Logger;
}

/** How often the kubelet does its periodic work; only tests change these. */
export interface KubeletTimings {
  /** Lease renewal (the real kubelet: 10 s; the lifecycle controller's grace is 40 s). */
  leaseRenewMs: number;
  /** Node status heartbeat. */
  nodeStatusMs: number;
  /** Retry of a failed image pull. */
  pullRetryMs: number;
  /** How long a Job's Pod runs before it succeeds. */
  jobRunMs: number;
}

/** {@link KubeletOptions} with every default applied. */
export interface ResolvedKubeletOptions {
  kubeconfigPath: string;
  nodes: number;
  nodeNamePrefix: string;
  podStartDelayMs: number;
  imageCheck: ImageCheckOptions | undefined;
  loadBalancerIpBase: string;
  logger: Logger;
  timings: KubeletTimings;
}

/** Thrown when {@link KubeletOptions} cannot be used as given. */
export class KubeletOptionsError extends Error {
  override readonly name = 'KubeletOptionsError';
}

const IP_BASE = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}$/;

/** Applies defaults and validates; throws {@link KubeletOptionsError}. Pure. */
export function resolveKubeletOptions(options: KubeletOptions): ResolvedKubeletOptions {
  const nodes = options.nodes ?? 1;
  if (!Number.isInteger(nodes) || nodes < 1)
    throw new KubeletOptionsError(`nodes must be a positive integer, got ${nodes}`);
  const podStartDelayMs = options.podStartDelayMs ?? 500;
  if (!(podStartDelayMs >= 0))
    throw new KubeletOptionsError(`podStartDelayMs must be ≥ 0, got ${podStartDelayMs}`);
  const loadBalancerIpBase = options.loadBalancerIpBase ?? '172.18.255.';
  if (!IP_BASE.test(loadBalancerIpBase)) {
    throw new KubeletOptionsError(
      `loadBalancerIpBase must be three octets and a dot, like "172.18.255.", got "${loadBalancerIpBase}"`,
    );
  }
  const nodeNamePrefix = options.nodeNamePrefix ?? 'tideline-sandbox-node';
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(nodeNamePrefix)) {
    throw new KubeletOptionsError(`nodeNamePrefix must be a DNS subdomain, got "${nodeNamePrefix}"`);
  }
  if (options.imageCheck !== undefined && options.imageCheck.registryHost.trim() === '') {
    throw new KubeletOptionsError('imageCheck.registryHost must not be empty');
  }
  return {
    kubeconfigPath: options.kubeconfigPath,
    nodes,
    nodeNamePrefix,
    podStartDelayMs,
    imageCheck: options.imageCheck,
    loadBalancerIpBase,
    logger: options.logger ?? (() => {}),
    timings: {
      leaseRenewMs: 10_000,
      nodeStatusMs: 20_000,
      pullRetryMs: 10_000,
      jobRunMs: Math.max(podStartDelayMs, 200),
    },
  };
}
