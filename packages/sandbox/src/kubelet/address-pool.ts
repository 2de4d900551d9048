/** A finite, ordered set of IPv4 addresses, addressed by index. */
export interface AddressPool {
  readonly size: number;
  /** The address at `index` (0 ≤ index < size). */
  at(index: number): string;
}

/** An address picked from a pool, and where the next search should start. */
export interface PickedAddress {
  address: string;
  nextCursor: number;
}

const POD_HOSTS_PER_OCTET = 254;

/**
 * Pod addresses in 10.244.0.0/16 (the usual pod CIDR), skipping each /24's .0 and .255:
 * 10.244.0.1 … 10.244.0.254, 10.244.1.1, … Pure.
 */
export function podAddressPool(): AddressPool {
  return {
    size: 256 * POD_HOSTS_PER_OCTET,
    at: (index) => `10.244.${Math.floor(index / POD_HOSTS_PER_OCTET)}.${(index % POD_HOSTS_PER_OCTET) + 1}`,
  };
}

/**
 * LoadBalancer ingress addresses `<base><first>` … `<base>254`, e.g. 172.18.255.10 … 172.18.255.254
 * for base `172.18.255.`. Pure.
 */
export function loadBalancerAddressPool(base: string, first = 10): AddressPool {
  return { size: Math.max(0, 255 - first), at: (index) => `${base}${first + index}` };
}

/** Whether `address` belongs to `pool`. Pure. */
export function poolContains(pool: AddressPool, address: string): boolean {
  for (let i = 0; i < pool.size; i++) if (pool.at(i) === address) return true;
  return false;
}

/**
 * The first address not in `used`, searching from `cursor` and wrapping around, so addresses
 * are not handed out again right after being released. Undefined when the pool is exhausted. Pure.
 */
export function pickFreeAddress(
  pool: AddressPool,
  used: ReadonlySet<string>,
  cursor = 0,
): PickedAddress | undefined {
  if (pool.size === 0) return undefined;
  const start = ((cursor % pool.size) + pool.size) % pool.size;
  for (let step = 0; step < pool.size; step++) {
    const index = (start + step) % pool.size;
    const address = pool.at(index);
    if (!used.has(address)) return { address, nextCursor: (index + 1) % pool.size };
  }
  return undefined;
}
