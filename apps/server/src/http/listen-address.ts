/** A host and port to listen on. */
export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * Parses a Go-style listen address as Flux's `--metrics-addr` takes it: `:8080` (every
 * interface), `127.0.0.1:8080`, `[::1]:8080`; port 0 picks a free one. Pure; throws on bad input.
 */
export function parseListenAddress(text: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535) {
    throw new Error(`invalid listen address "${text}": expected [host]:port, e.g. :8080 or 127.0.0.1:8080`);
  }
  const host = match[1] ?? match[2] ?? '';
  return { host: host === '' ? '0.0.0.0' : host, port };
}
