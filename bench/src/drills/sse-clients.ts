/** What the soak's SSE clients saw. */
export interface SseStats {
  clients: number;
  /** SSE messages (`data:` lines) received, all clients together. */
  messages: number;
  bytes: number;
  /** Streams that ended or failed and were opened again. */
  reconnects: number;
}

/**
 * `clients` live streams of `events.stream` (the dashboard's), each reading everything and
 * reconnecting from its last event id when the stream ends, until `stop` is called.
 */
export function startSseClients(origin: string, token: string, clients: number): { stop(): SseStats } {
  const abort = new AbortController();
  const stats: SseStats = { clients, messages: 0, bytes: 0, reconnects: 0 };
  const one = async (): Promise<void> => {
    let lastEventId: string | undefined;
    while (!abort.signal.aborted) {
      try {
        const input = encodeURIComponent(JSON.stringify(lastEventId ? { lastEventId } : {}));
        const res = await fetch(`${origin}/trpc/events.stream?input=${input}`, {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal: abort.signal,
        });
        const decoder = new TextDecoder();
        let carry = '';
        const reader = res.body?.getReader();
        for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
          stats.bytes += read.value.byteLength;
          carry += decoder.decode(read.value, { stream: true });
          const lines = carry.split('\n');
          carry = lines.pop() ?? '';
          for (const line of lines) {
            if (line.startsWith('data:')) stats.messages += 1;
            else if (line.startsWith('id:')) lastEventId = line.slice(3).trim();
          }
        }
      } catch {
        // aborted at the end, or the server closed the stream: reconnect below
      }
      if (!abort.signal.aborted) {
        stats.reconnects += 1;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  for (let i = 0; i < clients; i++) void one();
  return {
    stop: () => {
      abort.abort();
      return { ...stats };
    },
  };
}
