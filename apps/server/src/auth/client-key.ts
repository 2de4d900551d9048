import { normalizeIp } from './ip-address.js';

/** The throttling key of one address: an IPv4 address, or the /64 an IPv6 address is in. Pure. */
function keyOf(normalized: string): string {
  return normalized.includes(':') ? `${normalized.split(':').slice(0, 4).join(':')}::/64` : normalized;
}

/**
 * Whom to count an authentication failure against. The socket's peer address, unless that peer
 * is one of `trustedProxies`: then the nearest address in `X-Forwarded-For` that is not itself a
 * trusted proxy (read right to left, since only the entries our proxies appended are
 * trustworthy; the left end is whatever the client wrote). IPv6 clients count per /64, the
 * block one subscriber usually holds, so rotating addresses inside it gains nothing.
 * Without `--trusted-proxy`, forwarded headers are ignored: anyone could write them. Pure.
 */
export function clientKey(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: ReadonlySet<string>,
): string {
  const peer = remoteAddress ? normalizeIp(remoteAddress) : undefined;
  if (!peer) return 'unknown';
  if (!trustedProxies.has(peer) || forwardedFor === undefined) return keyOf(peer);
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .slice(-32)
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeIp(hops[i] ?? '');
    // Only a misconfigured trusted proxy writes a malformed hop: all such clients share one key.
    if (!hop) return 'unknown';
    if (!trustedProxies.has(hop)) return keyOf(hop);
  }
  return keyOf(peer);
}
