import { isLoopbackIp, normalizeIp } from '../auth/ip-address.js';

/** The Host header values the server answers to. */
export interface HostAllowlist {
  names: ReadonlySet<string>;
  /** Entries written `.example.com`: any subdomain of it. */
  suffixes: readonly string[];
  ips: ReadonlySet<string>;
}

/** This machine as the allowlist sees it (from `node:os`, injected for tests). */
export interface LocalNames {
  hostname: string;
  addresses: readonly string[];
}

const UNSPECIFIED = new Set(['0.0.0.0', '0000:0000:0000:0000:0000:0000:0000:0000']);

function cleanName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * What to accept (DNS rebinding defence): loopback addresses and `localhost`, the address or
 * name the server is bound to (with every address and the hostname of this machine when bound
 * to all interfaces), and the `--allowed-host` entries. Pure.
 */
export function hostAllowlist(bindHost: string, extra: readonly string[], local: LocalNames): HostAllowlist {
  const names = new Set<string>();
  const suffixes: string[] = [];
  const ips = new Set<string>();
  const add = (entry: string): void => {
    const ip = normalizeIp(entry);
    if (ip) ips.add(ip);
    else if (entry.trim().startsWith('.')) suffixes.push(cleanName(entry));
    else if (entry.trim()) names.add(cleanName(entry));
  };
  add(bindHost);
  const bound = normalizeIp(bindHost);
  if (bound && UNSPECIFIED.has(bound)) {
    for (const address of local.addresses) add(address);
    add(local.hostname);
  }
  for (const entry of extra) add(entry);
  return { names, suffixes, ips };
}

/** The host part of a Host header (`name`, `name:port`, `[v6]:port`), or undefined when malformed. Pure. */
export function hostOfHeader(header: string): string | undefined {
  const match = /^(?:\[([0-9a-fA-F:.%]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(header.trim());
  if (!match) return undefined;
  return match[1] ?? cleanName(match[2] ?? '');
}

/**
 * Whether to answer a request with this Host header. A page on a rebinding attacker's domain
 * that resolves to us sends that domain as Host, so only the names we know pass; an IP literal
 * cannot be rebound, but it still has to be one of ours. Pure.
 */
export function isAllowedHost(header: string | undefined, allow: HostAllowlist): boolean {
  const host = header ? hostOfHeader(header) : undefined;
  if (!host) return false;
  const ip = normalizeIp(host);
  if (ip) return isLoopbackIp(ip) || allow.ips.has(ip);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return allow.names.has(host) || allow.suffixes.some((suffix) => host.endsWith(suffix));
}
