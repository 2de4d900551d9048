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
  private readonly sinks = new Set<StreamSink>();

  constructor(
    private readonly feed: ChangeFeed,
    private readonly snapshot: () => StreamMessage[],
    private readonly preamble: () => StreamMessage[],
  ) {
    feed.onPublish((item) => this.broadcast(sseFrame(item)));
  }

  /** Open streams. */
  get size(): number {
    return this.sinks.size;
  }

  /** Starts a client's stream after `lastEventId`; resolves the function that detaches it. */
  attach(lastEventId: string | undefined, sink: StreamSink): () => void {
    const replay = this.feed.since(lastEventId);
    const position = this.feed.position();
    const messages = [...this.preamble(), ...(replay ? [] : this.snapshot())];
    const frames = [CONNECTED_FRAME, ...messages.map((message) => sseFrame({ id: position, message }))];
    for (const item of replay ?? []) frames.push(sseFrame(item));
    sink.write(frames.join(''));
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  private broadcast(frame: string): void {
    for (const sink of this.sinks) {
      sink.write(frame);
      if (sink.buffered() > MAX_BUFFERED_BYTES) {
        this.sinks.delete(sink);
        sink.close();
      }
    }
  }
}
