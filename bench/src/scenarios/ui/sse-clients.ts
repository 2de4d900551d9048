import { request, type ClientRequest } from 'node:http';
import { BENCH_TOKEN } from './server-process.js';

/** Delivery latencies of one SSE fan-out run. */
export interface SseRun {
  clients: number;
  changes: number;
  /** From the status patch sent to the apiserver to each client having the change (ms). */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Deliveries that never arrived within the wait (should be 0). */
  missed: number;
}

/** One open `events.stream` subscription that records when each marker first arrives. */
interface Client {
  req: ClientRequest;
  seen: Map<string, number>;
}

/**
 * Opens `n` live-stream subscriptions resumed from `cursor` (as dashboards that already read
 * the object store do), each parsing nothing but looking for markers in the raw SSE text.
 */
export async function openClients(
  url: string,
  cursor: string,
  n: number,
  markers: readonly string[],
): Promise<Client[]> {
  const input = encodeURIComponent(JSON.stringify({ lastEventId: cursor }));
  const path = `/trpc/events.stream?input=${input}`;
  const open = (): Promise<Client> =>
    new Promise((resolve, reject) => {
      const seen = new Map<string, number>();
      const req = request(
        `${url}${path}`,
        { agent: false, headers: { authorization: `Bearer ${BENCH_TOKEN}`, accept: 'text/event-stream' } },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`stream: HTTP ${res.statusCode}`));
          res.setEncoding('utf8');
          let tail = '';
          res.on('data', (chunk: string) => {
            const text = tail + chunk;
            for (const marker of markers)
              if (!seen.has(marker) && text.includes(marker)) seen.set(marker, performance.now());
            tail = text.slice(-64);
          });
          resolve({ req, seen });
        },
      );
      req.on('error', reject);
      req.end();
    });
  const clients: Client[] = [];
  // Opened in small waves: a thousand simultaneous connects would measure the accept queue.
  for (let i = 0; i < n; i += 50)
    clients.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, open))));
  return clients;
}

/** p-quantile of sorted numbers. Pure. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}

/**
 * Sends `changes` marked status patches (via `mark`), one every `gapMs`, and measures when each
 * client sees each one.
 */
export async function measureFanOut(
  clients: readonly Client[],
  markers: readonly string[],
  mark: (marker: string) => Promise<void>,
  gapMs = 500,
): Promise<SseRun> {
  const sentAt = new Map<string, number>();
  for (const marker of markers) {
    sentAt.set(marker, performance.now());
    await mark(marker);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  await new Promise((r) => setTimeout(r, 3000));
  const latencies: number[] = [];
  let missed = 0;
  for (const client of clients)
    for (const marker of markers) {
      const at = client.seen.get(marker);
      if (at === undefined) missed += 1;
      else latencies.push(at - (sentAt.get(marker) ?? at));
    }
  latencies.sort((a, b) => a - b);
  return {
    clients: clients.length,
    changes: markers.length,
    p50Ms: Math.round(quantile(latencies, 0.5)),
    p99Ms: Math.round(quantile(latencies, 0.99)),
    maxMs: Math.round(latencies.at(-1) ?? 0),
    missed,
  };
}

/** Closes every subscription. */
export function closeClients(clients: readonly Client[]): void {
  for (const client of clients) client.req.destroy();
}
