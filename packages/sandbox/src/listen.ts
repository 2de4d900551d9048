import type { Server } from 'node:http';

/** Starts listening on an exact port (no sharing), rejecting if it cannot be bound. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
}
