import type { StreamMessage } from '../api/dto.js';
import type { StreamItem } from '../services/types.js';

interface Entry {
  seq: number;
  item: StreamItem;
}

/**
 * A bounded in-memory log of stream messages with increasing ids `<epoch>-<seq>`. A subscriber
 * resumes after its last id; when that id is unknown (a new client, an id from a previous
 * process, or one that fell out of the window) it first gets a snapshot of the current state.
 */
export class ChangeFeed {
  private seq = 0;
  /** Entries from `head` on are the window; those before it are dropped (cut off in batches). */
  private readonly log: Entry[] = [];
  private head = 0;
  private readonly listeners = new Set<() => void>();
  private readonly publishHooks: ((item: StreamItem) => void)[] = [];

  constructor(
    private readonly capacity = 5000,
    private readonly epoch = Date.now().toString(36),
  ) {}

  /** Appends a message and wakes subscribers. */
  publish(message: StreamMessage): void {
    this.seq += 1;
    const item: StreamItem = { id: this.idOf(this.seq), message };
    this.log.push({ seq: this.seq, item });
    if (this.log.length - this.head > this.capacity) this.head += 1;
    // Dropped entries are cut off once they are as many as the window: splicing the array at
    // every publish moved `capacity` entries each time (seconds of CPU over a soak).
    if (this.head >= this.capacity) {
      this.log.splice(0, this.head);
      this.head = 0;
    }
    for (const hook of this.publishHooks) hook(item);
    for (const wake of [...this.listeners]) wake();
  }

  /** Calls `hook` with every message as it is published (synchronously, in order). */
  onPublish(hook: (item: StreamItem) => void): void {
    this.publishHooks.push(hook);
  }

  /**
   * The messages after `lastEventId`, or undefined when that id cannot be resumed from (unknown,
   * another process's, or out of the window): then the caller needs a snapshot.
   */
  since(lastEventId: string | undefined): StreamItem[] | undefined {
    const last = this.resumePoint(lastEventId);
    if (last === undefined) return undefined;
    return this.log.slice(this.indexAfter(last)).map((entry) => entry.item);
  }

  /** The id of the newest message: a list read now is current up to here (a stream resumes after it). */
  position(): string {
    return this.idOf(this.seq);
  }

  /**
   * Yields messages after `lastEventId` (or a snapshot, then live ones) until `signal` aborts.
   * `preamble` (small state every subscriber needs, like who reconciles) comes first either way.
   */
  async *subscribe(
    lastEventId: string | undefined,
    signal: AbortSignal,
    snapshot: () => StreamMessage[],
    preamble: () => StreamMessage[] = () => [],
  ): AsyncGenerator<StreamItem> {
    let last = this.resumePoint(lastEventId);
    const resumed = last !== undefined;
    last ??= this.seq;
    const id = this.idOf(last);
    for (const message of preamble()) yield { id, message };
    if (!resumed) for (const message of snapshot()) yield { id, message };
    while (!signal.aborted) {
      // The index is found again after every yield: a publish meanwhile may cut the log.
      for (let i = this.indexAfter(last); i < this.log.length; i = this.indexAfter(last)) {
        const entry = this.log[i];
        if (!entry) continue;
        last = entry.seq;
        yield entry.item;
      }
      await this.next(signal);
    }
  }

  /** The index in `log` of the first entry after `seq` (within the window). */
  private indexAfter(seq: number): number {
    const first = this.log[this.head]?.seq ?? this.seq + 1;
    return this.head + Math.max(0, seq + 1 - first);
  }

  private idOf(seq: number): string {
    return `${this.epoch}-${seq}`;
  }

  /** The seq to resume after, when everything after it is still in the log. */
  private resumePoint(id: string | undefined): number | undefined {
    if (!id?.startsWith(`${this.epoch}-`)) return undefined;
    const seq = Number(id.slice(this.epoch.length + 1));
    const first = this.log[this.head]?.seq ?? this.seq + 1;
    return Number.isInteger(seq) && seq <= this.seq && seq >= first - 1 ? seq : undefined;
  }

  private next(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.listeners.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.listeners.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
