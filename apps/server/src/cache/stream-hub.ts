import type { StreamMessage } from '../api/dto.js';
import type { StreamItem } from '../services/types.js';
import type { ChangeFeed } from './change-feed.js';

/** Where a {@link StreamHub} writes one client's stream (an HTTP response, in the server). */
export interface StreamSink {
  /** Writes a chunk; false when the socket's buffer is full (the write is still queued). */
  write(chunk: string): boolean;
  /** Bytes queued and not yet sent. */
  buffered(): number;
  /** Ends the stream (the client reconnects and resumes from its last id). */
  close(): void;
}

/** A client further behind than this is cut off: memory stays bounded whatever a reader does. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Each client gets at most one write per window: messages arriving within a window of the last
 * write wait for its end and go out together. A write per message per client was a socket write
 * (a `writev` syscall) each: at 100 clients and ~50 messages a second it was a quarter of the
 * soak server's CPU and its longest stalls. A message after a quiet window goes out at once.
 */
export const FLUSH_WINDOW_MS = 50;

/** `data: …\nid: …\n\n`: one message as tRPC's subscription link reads it (a tracked event). Pure. */
export function sseFrame(item: StreamItem): string {
  return `data: ${JSON.stringify(item.message)}\nid: ${item.id}\n\n`;
}

/** The first frame of every tRPC SSE stream (the link waits for it). */
export const CONNECTED_FRAME = 'event: connected\ndata: {}\n\n';

/** What a client may see; absent: everything. */
export type StreamFilter = (message: StreamMessage) => boolean;

/** A message published in the current window; its frame is made when a client first needs it. */
interface PendingItem {
  readonly item: StreamItem;
  frame?: string;
}

/** The indexes of the pending messages `keep` lets through. Pure. */
function keptIndexes(pending: readonly PendingItem[], keep: StreamFilter | undefined): number[] {
  const kept: number[] = [];
  for (let i = 0; i < pending.length; i++) {
    if (!keep || keep((pending[i] as PendingItem).item.message)) kept.push(i);
  }
  return kept;
}

/** The item's SSE frame, serialized the first time a client needs it. */
function frameOf(pending: PendingItem): string {
  return (pending.frame ??= sseFrame(pending.item));
}

/**
 * Fans the change feed out to every open stream: each message is serialized at most once, and
 * only if some client may see it, and the same string written to every client that may (tRPC's
 * own SSE producer serializes and encodes per client, through web streams, in several writes
 * per message: at a thousand clients that is seconds). A client resumes from its last id (or
 * gets the snapshot), then joins the broadcast in the same tick, so nothing falls between.
 * Each client gets one chunk of the frames its filter keeps (clients that keep the same
 * messages share one string), at most once per {@link FLUSH_WINDOW_MS} and at once after a
 * quiet window. A client whose socket falls {@link MAX_BUFFERED_BYTES} behind is closed.
 */
export class StreamHub {
  /** Each open stream, with what its caller may see (undefined: everything). */
  private readonly sinks = new Map<StreamSink, StreamFilter | undefined>();
  private pending: PendingItem[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** When the last frames were written (ms since epoch). */
  private lastWrite = 0;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly snapshot: () => StreamMessage[],
    private readonly preamble: () => StreamMessage[],
    private readonly flushWindowMs = FLUSH_WINDOW_MS,
  ) {
    feed.onPublish((item) => this.enqueue(item));
  }

  /** Open streams. */
  get size(): number {
    return this.sinks.size;
  }

  /**
   * Starts a client's stream after `lastEventId`, with only the messages `keep` lets through
   * (what its caller may see); resolves the function that detaches it.
   */
  attach(lastEventId: string | undefined, sink: StreamSink, keep?: StreamFilter): () => void {
    // What the clients already attached are owed goes out first: the new one's replay or
    // snapshot covers it, so it must not get those frames a second time.
    this.flush();
    const replay = this.feed.since(lastEventId);
    const position = this.feed.position();
    const messages = [...this.preamble(), ...(replay ? [] : this.snapshot())].filter((m) => !keep || keep(m));
    const frames = [CONNECTED_FRAME, ...messages.map((message) => sseFrame({ id: position, message }))];
    for (const item of replay ?? []) if (!keep || keep(item.message)) frames.push(sseFrame(item));
    sink.write(frames.join(''));
    this.sinks.set(sink, keep);
    return () => this.sinks.delete(sink);
  }

  /** Writes the messages gathered so far, each client its own (called by the window's timer). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    this.lastWrite = Date.now();
    // Chunks by the indexes of the messages they hold: tenants of one scope share a string.
    const chunks = new Map<string, string>();
    for (const [sink, keep] of this.sinks) {
      const kept = keptIndexes(pending, keep);
      if (kept.length === 0) continue;
      const key = kept.length === pending.length ? '*' : kept.join(',');
      let chunk = chunks.get(key);
      if (chunk === undefined) {
        chunk = kept.map((i) => frameOf(pending[i] as PendingItem)).join('');
        chunks.set(key, chunk);
      }
      sink.write(chunk);
      if (sink.buffered() > MAX_BUFFERED_BYTES) {
        this.sinks.delete(sink);
        sink.close();
      }
    }
  }

  private enqueue(item: StreamItem): void {
    if (this.sinks.size === 0) return;
    this.pending.push({ item });
    if (this.timer) return;
    // A throttle, not a debounce: after a quiet window the frames of this tick go out on the
    // next turn (a 50 ms wait on every message was a third of the median delivery time);
    // within a window of the last write they wait for its end.
    const wait = Math.min(this.flushWindowMs, Math.max(0, this.lastWrite + this.flushWindowMs - Date.now()));
    this.timer = setTimeout(() => this.flush(), wait);
    // A stopping server does not wait for the last window: the clients resume from their ids.
    this.timer.unref();
  }
}
