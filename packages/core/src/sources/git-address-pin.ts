import { isIP } from 'node:net';
import { resolveAllowed } from './address-lookup.js';
import type { AddressPolicy } from './address-policy.js';
import type { GitConfigEntry } from './git-config-env.js';

/**
 * The address policy for git, which is a subprocess: it resolves and connects by itself, so the
 * policy cannot be its `lookup`. What can be enforced, and how:
 *
 * - HTTP(S): the host is resolved and checked here, then pinned with `http.curloptResolve`
 *   (`host:port:addresses`), so curl connects to exactly the addresses checked; redirects are
 *   refused (`http.followRedirects=false`), as a redirect would reach a host nobody checked.
 * - SSH: the host is checked here; with a Secret's key (our ssh config), the config pins
 *   `HostName` to the checked address ({@link sshHostPin}). Without one, ssh resolves again
 *   by itself: checked, not pinned.
 * - Submodules: each level's `.gitmodules` URLs are checked and pinned before that level is
 *   fetched (`git-submodules.ts` walks the levels itself instead of `--recursive`).
 * - Proxies: git runs without the proxy environment, so `http_proxy` cannot route around this.
 */

/** Where git would connect for a remote URL: scheme, host and port. Pure. */
export function gitEndpoint(url: string): { scheme: 'http' | 'ssh'; host: string; port: number } | undefined {
  const scp = /^(?:[^@/:]+@)?(\[[^\]]+\]|[^/:]+):(?!\/\/)/.exec(url);
  if (scp?.[1] && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
    return { scheme: 'ssh', host: scp[1].replace(/^\[|\]$/g, ''), port: 22 };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (parsed.protocol === 'ssh:') return { scheme: 'ssh', host, port: Number(parsed.port || 22) };
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
    return { scheme: 'http', host, port };
  }
  return undefined;
}

/** A `http.curloptResolve` value: `host:port:addr[,addr]`, IPv6 in brackets. Pure. */
export function curlResolveEntry(host: string, port: number, addresses: readonly string[]): string {
  const list = addresses.map((a) => (isIP(a) === 6 ? `[${a}]` : a)).join(',');
  return `${host}:${port}:${list}`;
}

/**
 * Checks every URL git will contact against `policy` and returns the config that pins the
 * HTTP(S) ones to the checked addresses (and refuses redirects). Throws AddressRefusedError.
 */
export async function gitAddressPins(
  urls: readonly string[],
  policy: AddressPolicy,
): Promise<GitConfigEntry[]> {
  const pins: GitConfigEntry[] = [];
  for (const url of urls) {
    const endpoint = gitEndpoint(url);
    if (!endpoint) continue;
    const addresses = await resolveAllowed(endpoint.host, policy);
    if (endpoint.scheme !== 'http' || isIP(endpoint.host) !== 0) continue;
    const entry = curlResolveEntry(
      endpoint.host,
      endpoint.port,
      addresses.map((a) => a.address),
    );
    if (!pins.some(([, value]) => value === entry)) pins.push(['http.curloptResolve', entry]);
  }
  return [...pins, ['http.followRedirects', 'false']];
}

/**
 * ssh_config lines that send ssh for `url`'s host to the address the policy checked, while
 * host keys are still looked up under the name the user wrote (`HostKeyAlias`). Empty for a
 * literal address or a non-ssh URL. Throws AddressRefusedError.
 */
export async function sshHostPin(url: string, policy: AddressPolicy): Promise<string[]> {
  const endpoint = gitEndpoint(url);
  if (!endpoint || endpoint.scheme !== 'ssh') return [];
  // The name goes into ssh_config, which splits on spaces and expands patterns: plain names only.
  if (!/^[A-Za-z0-9.-]+$/.test(endpoint.host) && isIP(endpoint.host) === 0)
    throw new Error(`ssh host '${endpoint.host}' cannot be pinned by the address policy`);
  const [first] = await resolveAllowed(endpoint.host, policy);
  if (!first || isIP(endpoint.host) !== 0) return [];
  // ssh looks known_hosts up as `[host]:port` off port 22; an alias replaces that whole key.
  const alias = endpoint.port === 22 ? endpoint.host : `[${endpoint.host}]:${endpoint.port}`;
  return [`Host ${endpoint.host}`, `  HostName ${first.address}`, `  HostKeyAlias ${alias}`];
}
