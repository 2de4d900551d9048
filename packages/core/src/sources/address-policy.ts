import { BlockList, isIP } from 'node:net';

/**
 * Which destinations outbound fetches (Helm, OCI, Git, remote bases) may reach: the decision,
 * pure. `address-lookup.ts` applies it to DNS answers and URLs, so the address checked is the
 * address connected to.
 */
export interface AddressPolicy {
  /** Refuse loopback, unspecified (`0.0.0.0`, `::`), link-local and cloud-metadata destinations. */
  refuseInternal: boolean;
  /** Also refuse private ranges: 10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), fc00::/7. */
  refusePrivate?: boolean;
  /**
   * Addresses or CIDRs allowed even so (an internal chart repository, say). Cloud-metadata
   * addresses stay refused whatever this says.
   */
  allow?: readonly string[];
}

/** Why an address is special. */
export type AddressClass = 'metadata' | 'loopback' | 'unspecified' | 'link-local' | 'private';

/** Raised instead of connecting; the message names the host, the address and the rule. */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';

  constructor(
    readonly host: string,
    readonly address: string,
    readonly addressClass: AddressClass,
  ) {
    const what = PHRASE[addressClass];
    super(
      host === address
        ? `refusing to connect to ${address}, ${what} (engine address policy)`
        : `refusing to connect to ${host}: it resolves to ${address}, ${what} (engine address policy)`,
    );
  }
}

const PHRASE: Record<AddressClass, string> = {
  metadata: 'a cloud metadata address',
  loopback: 'a loopback address',
  unspecified: 'an unspecified address',
  'link-local': 'a link-local address',
  private: 'a private address',
};

/** Names of metadata services that are not (only) reached through an address below. */
const METADATA_NAMES = new Set(['metadata.google.internal']);

function blockList(entries: readonly [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const list = new BlockList();
  for (const [network, prefix, type] of entries) list.addSubnet(network, prefix, type);
  return list;
}

// AWS/Azure/GCP/DigitalOcean 169.254.169.254, ECS task role 169.254.170.2, EKS pod identity
// 169.254.170.23 and fd00:ec2::23, AWS IPv6 fd00:ec2::254, Alibaba 100.100.100.200,
// Oracle 192.0.0.192.
const METADATA = blockList([
  ['169.254.169.254', 32, 'ipv4'],
  ['169.254.170.2', 32, 'ipv4'],
  ['169.254.170.23', 32, 'ipv4'],
  ['100.100.100.200', 32, 'ipv4'],
  ['192.0.0.192', 32, 'ipv4'],
  ['fd00:ec2::254', 128, 'ipv6'],
  ['fd00:ec2::23', 128, 'ipv6'],
]);
const CLASSES: readonly [Exclude<AddressClass, 'metadata'>, BlockList][] = [
  [
    'loopback',
    blockList([
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ]),
  ],
  // Linux connects 0.0.0.0 and :: to the local host.
  [
    'unspecified',
    blockList([
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ]),
  ],
  [
    'link-local',
    blockList([
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ]),
  ],
  [
    'private',
    blockList([
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['100.64.0.0', 10, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ]),
  ],
];

/** The 16 bytes of an IPv6 address (zone id dropped), or undefined. Pure. */
export function ipv6Bytes(text: string): number[] | undefined {
  const address = text.replace(/%.*$/, '');
  if (isIP(address) !== 6) return undefined;
  let head = address;
  let tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted?.[1]) {
    tail = dotted[1].split('.').map(Number);
    head = address.slice(0, -dotted[1].length);
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left = '', right] = head.split('::');
  const words = (part: string): number[] => (part === '' ? [] : part.split(':').map((w) => parseInt(w, 16)));
  const l = words(left);
  const r = right === undefined ? [] : words(right);
  const missing = 8 - tail.length / 2 - l.length - r.length;
  const all = [...l, ...Array<number>(right === undefined ? 0 : missing).fill(0), ...r];
  const bytes = all.flatMap((w) => [w >> 8, w & 0xff]);
  return [...bytes, ...tail].slice(0, 16);
}

/**
 * The IPv4 address an IPv6 address stands for: IPv4-mapped (`::ffff:a.b.c.d`) and the NAT64
 * well-known prefix (`64:ff9b::/96`), which reach the IPv4 host. Pure.
 */
export function embeddedIpv4(address: string): string | undefined {
  const bytes = ipv6Bytes(address);
  if (!bytes) return undefined;
  const zero = (from: number, to: number): boolean => bytes.slice(from, to).every((b) => b === 0);
  const mapped = zero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff;
  const nat64 = bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zero(4, 12);
  return mapped || nat64 ? bytes.slice(12).join('.') : undefined;
}

/** What is special about an IP address (undefined: an ordinary public address). Pure. */
export function classifyAddress(address: string): AddressClass | undefined {
  const v4 = isIP(address) === 4 ? address : embeddedIpv4(address);
  const [ip, type] = v4 ? [v4, 'ipv4' as const] : [address.replace(/%.*$/, ''), 'ipv6' as const];
  if (isIP(ip) === 0) return undefined;
  if (METADATA.check(ip, type)) return 'metadata';
  return CLASSES.find(([, list]) => list.check(ip, type))?.[0];
}

const allowLists = new WeakMap<AddressPolicy, BlockList>();

function allowList(policy: AddressPolicy): BlockList {
  const cached = allowLists.get(policy);
  if (cached) return cached;
  const list = new BlockList();
  for (const entry of policy.allow ?? []) {
    const [network = '', prefix] = entry.split('/');
    const type = isIP(network) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(network) === 0) throw new Error(`address policy: '${entry}' is not an address or CIDR`);
    list.addSubnet(network, prefix === undefined ? (type === 'ipv6' ? 128 : 32) : Number(prefix), type);
  }
  allowLists.set(policy, list);
  return list;
}

/** Why `policy` refuses `address` (undefined: allowed). Pure. */
export function refusedClass(address: string, policy: AddressPolicy): AddressClass | undefined {
  const cls = classifyAddress(address);
  if (!cls || !policy.refuseInternal) return undefined;
  if (cls === 'private' && !policy.refusePrivate) return undefined;
  if (cls === 'metadata') return cls;
  const v4 = isIP(address) === 4 ? address : embeddedIpv4(address);
  const allowed = v4
    ? allowList(policy).check(v4, 'ipv4')
    : allowList(policy).check(address.replace(/%.*$/, ''), 'ipv6');
  return allowed ? undefined : cls;
}

/** Whether a host name itself is refused (a metadata service's name), before any lookup. Pure. */
export function refusedHostName(host: string, policy: AddressPolicy): boolean {
  return policy.refuseInternal && METADATA_NAMES.has(host.toLowerCase().replace(/\.$/, ''));
}

/** Throws {@link AddressRefusedError} when `policy` refuses `address` reached as `host`. Pure. */
export function assertAddressAllowed(host: string, address: string, policy: AddressPolicy): void {
  const cls = refusedClass(address, policy);
  if (cls) throw new AddressRefusedError(host, address, cls);
}
