import { createServer } from 'node:net';

/** Whether `port` can be bound on 127.0.0.1 right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A free loopback port: `preferred` when it is free (so a restarted sandbox keeps its URLs,
 * which objects stored in the cluster refer to), otherwise one the kernel picks.
 */
export async function freePort(preferred?: number, host = '127.0.0.1'): Promise<number> {
  if (preferred !== undefined && preferred > 0 && (await isPortFree(preferred, host))) return preferred;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Several distinct free ports, honouring preferences where possible. */
export async function freePorts(preferred: readonly (number | undefined)[]): Promise<number[]> {
  const taken = new Set<number>();
  const result: number[] = [];
  for (const want of preferred) {
    let port = await freePort(want !== undefined && !taken.has(want) ? want : undefined);
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    result.push(port);
  }
  return result;
}
