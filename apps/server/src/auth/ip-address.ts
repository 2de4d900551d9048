import { isIP } from 'node:net';

/**
 * An address in the form keys and allowlists compare: IPv4-mapped IPv6 as plain IPv4, IPv6
 * expanded to eight lower-case groups; undefined for anything that is not an IP. Pure.
 */
export function normalizeIp(address: string): string | undefined {
  const bare = address.trim().replace(/^\[(.*)\]$/, '$1');
  const version = isIP(bare);
  if (version === 4) return bare;
  if (version !== 6) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1]) return mapped[1];
  let text = bare.toLowerCase().split('%')[0] ?? '';
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => group.padStart(4, '0')).join(':');
}

/** Whether a normalized address is loopback (127.0.0.0/8, ::1). Pure. */
export function isLoopbackIp(normalized: string): boolean {
  return normalized.startsWith('127.') || normalized === '0000:0000:0000:0000:0000:0000:0000:0001';
}
