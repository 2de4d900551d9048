import type { V1Service } from '@kubernetes/client-node';
import { pickFreeAddress, type AddressPool } from './address-pool.js';

/** What to do about one Service's load-balancer status. */
export type LoadBalancerPlan =
  | { action: 'none' }
  | { action: 'assign'; ip: string; nextCursor: number }
  | { action: 'exhausted' }
  | { action: 'clear' };

/** The ingress IPs currently held by `services`. Pure. */
export function loadBalancerIps(services: Iterable<V1Service>): Set<string> {
  const ips = new Set<string>();
  for (const service of services) {
    for (const ingress of service.status?.loadBalancer?.ingress ?? []) if (ingress.ip) ips.add(ingress.ip);
  }
  return ips;
}

/**
 * Decides a Service's load balancer, as a cloud controller would: a `type: LoadBalancer`
 * Service without an ingress gets one — its `spec.loadBalancerIP` when that is free, else the
 * next free address of `pool` — and a Service that is no longer a LoadBalancer loses its
 * ingress. `used` holds the addresses of all other Services. Pure.
 */
export function planLoadBalancer(
  service: V1Service,
  pool: AddressPool,
  used: ReadonlySet<string>,
  cursor: number,
): LoadBalancerPlan {
  if (service.metadata?.deletionTimestamp) return { action: 'none' };
  const hasIngress = (service.status?.loadBalancer?.ingress ?? []).length > 0;
  if (service.spec?.type !== 'LoadBalancer') return hasIngress ? { action: 'clear' } : { action: 'none' };
  if (hasIngress) return { action: 'none' };
  const requested = service.spec.loadBalancerIP;
  if (requested && !used.has(requested)) return { action: 'assign', ip: requested, nextCursor: cursor };
  const picked = pickFreeAddress(pool, used, cursor);
  return picked === undefined
    ? { action: 'exhausted' }
    : { action: 'assign', ip: picked.address, nextCursor: picked.nextCursor };
}
