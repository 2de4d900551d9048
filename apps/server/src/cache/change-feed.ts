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
  private readonly log: Entry[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly publishHooks: ((item: StreamItem) => void)[] = [];

  constructor(
    private readonly capacity = 5000,
    private readonly epoch = Date.now().toString(36),
  ) {}

  /** Appends a message and wakes subscribers. */
  publish(message: StreamMessage): void {
    this.seq += 1;
    this.log.push({ seq: this.seq, item: { id: this.idOf(this.seq), message } });
    if (this.log.length > this.capacity) this.log.splice(0, this.log.length - this.capacity);
    const item = this.log.at(-1)?.item;
    if (item) for (const hook of this.publishHooks) hook(item);
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
    const first = this.log[0]?.seq ?? this.seq + 1;
    return this.log.slice(Math.max(0, last + 1 - first)).map((entry) => entry.item);
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
      const first = this.log[0]?.seq ?? this.seq + 1;
      for (let i = Math.max(0, last + 1 - first); i < this.log.length; i++) {
        const entry = this.log[i];
        if (!entry) continue;
        last = entry.seq;
        yield entry.item;
      }
      await this.next(signal);
    }
  }

  private idOf(seq: number): string {
    return `${this.epoch}-${seq}`;
  }

  /** The seq to resume after, when everything after it is still in the log. */
  private resumePoint(id: string | undefined): number | undefined {
    if (!id?.startsWith(`${this.epoch}-`)) return undefined;
    const seq = Number(id.slice(this.epoch.length + 1));
    const first = this.log[0]?.seq ?? this.seq + 1;
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
