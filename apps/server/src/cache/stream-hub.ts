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

/** `data: …\nid: …\n\n`: one message as tRPC's subscription link reads it (a tracked event). Pure. */
export function sseFrame(item: StreamItem): string {
  return `data: ${JSON.stringify(item.message)}\nid: ${item.id}\n\n`;
}

/** The first frame of every tRPC SSE stream (the link waits for it). */
export const CONNECTED_FRAME = 'event: connected\ndata: {}\n\n';

/**
 * Fans the change feed out to every open stream: each message is serialized once and the same
 * string written to every client (tRPC's own SSE producer serializes and encodes per client,
 * through web streams, in several writes per message: at a thousand clients that is seconds).
 * A client resumes from its last id (or gets the snapshot), then joins the broadcast in the
 * same tick, so nothing falls between. A client whose socket falls {@link MAX_BUFFERED_BYTES}
 * behind is closed.
 */
export class StreamHub {
  /** Each open stream, with what its caller may see (undefined: everything). */
  private readonly sinks = new Map<StreamSink, ((message: StreamMessage) => boolean) | undefined>();

  constructor(
    private readonly feed: ChangeFeed,
    private readonly snapshot: () => StreamMessage[],
    private readonly preamble: () => StreamMessage[],
  ) {
    feed.onPublish((item) => this.broadcast(item));
  }

  /** Open streams. */
  get size(): number {
    return this.sinks.size;
  }

  /**
   * Starts a client's stream after `lastEventId`, with only the messages `keep` lets through
   * (what its caller may see); resolves the function that detaches it.
   */
  attach(
    lastEventId: string | undefined,
    sink: StreamSink,
    keep?: (message: StreamMessage) => boolean,
  ): () => void {
    const replay = this.feed.since(lastEventId);
    const position = this.feed.position();
    const messages = [...this.preamble(), ...(replay ? [] : this.snapshot())].filter((m) => !keep || keep(m));
    const frames = [CONNECTED_FRAME, ...messages.map((message) => sseFrame({ id: position, message }))];
    for (const item of replay ?? []) if (!keep || keep(item.message)) frames.push(sseFrame(item));
    sink.write(frames.join(''));
    this.sinks.set(sink, keep);
    return () => this.sinks.delete(sink);
  }

  private broadcast(item: StreamItem): void {
    // Serialized at most once, and only if some client may see it.
    let frame: string | undefined;
    for (const [sink, keep] of this.sinks) {
      if (keep && !keep(item.message)) continue;
      frame ??= sseFrame(item);
      sink.write(frame);
      if (sink.buffered() > MAX_BUFFERED_BYTES) {
        this.sinks.delete(sink);
        sink.close();
      }
    }
  }
}
