import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import {
  AddressRefusedError,
  assertAddressAllowed,
  refusedHostName,
  type AddressPolicy,
} from './address-policy.js';

/**
 * The effectful half of the address policy: DNS answers and URL hosts checked against it.
 *
 * No gap between check and connect: {@link guardedLookup} is the `lookup` a socket uses, so the
 * addresses it vets are the ones the socket connects to; a literal IP never reaches a lookup
 * (Node connects to it directly), so {@link assertHostAllowed} checks it before the request.
 * A host with any refused address is refused whole, so a DNS answer mixing a public and a
 * loopback address cannot win by order.
 */

const bare = (host: string): string => host.replace(/^\[|\]$/g, '');

/**
 * Checks a URL's host before connecting: a literal IP against the policy, a name against the
 * metadata names (its addresses are checked by {@link guardedLookup}). Throws
 * {@link AddressRefusedError}.
 */
export function assertHostAllowed(hostname: string, policy: AddressPolicy | undefined): void {
  if (!policy) return;
  const host = bare(hostname);
  if (isIP(host) !== 0) assertAddressAllowed(host, host, policy);
  else if (refusedHostName(host, policy)) throw new AddressRefusedError(host, host, 'metadata');
}

/** Every address `host` resolves to, each allowed by `policy` (else AddressRefusedError). */
export async function resolveAllowed(host: string, policy: AddressPolicy): Promise<LookupAddress[]> {
  const name = bare(host);
  assertHostAllowed(name, policy);
  if (isIP(name) !== 0) return [{ address: name, family: isIP(name) }];
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(name, { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
  );
  for (const { address } of addresses) assertAddressAllowed(name, address, policy);
  return addresses;
}

/**
 * A `lookup` for `net`/`http`/`https` that resolves as usual and refuses the host when any
 * address is refused by `policy`. Undefined without a policy (Node's own lookup).
 */
export function guardedLookup(policy: AddressPolicy | undefined): LookupFunction | undefined {
  if (!policy) return undefined;
  return (hostname: string, options: LookupOptions, callback) => {
    resolveAllowed(hostname, policy).then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const wanted = family ? addresses.filter((a) => a.family === family) : addresses;
        const first = wanted[0];
        if (options.all) callback(null, wanted);
        else if (first) callback(null, first.address, first.family);
        else
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
