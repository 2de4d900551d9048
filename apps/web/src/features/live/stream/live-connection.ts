import type { StreamMessage } from '@tideline/server';
import {
  reconnectDelayMs,
  toConnectionStatus,
  type ConnectionStatus,
  type LinkConnectionState,
} from '../selectors/connection-status';

/** The callbacks of one `events.stream` subscription (a subset of tRPC's observer). */
export interface StreamHandlers {
  onStarted: () => void;
  onData: (item: { id: string; data: StreamMessage }) => void;
  onError: (error: unknown) => void;
  onComplete: () => void;
  onConnectionStateChange: (state: { state: LinkConnectionState; error: unknown }) => void;
}

/** Opens one `events.stream` subscription; the tRPC client in the app, a fake in tests. */
export type SubscribeStream = (
  input: { lastEventId?: string },
  handlers: StreamHandlers,
) => { unsubscribe: () => void };

/** Timer functions, injectable so tests can drive time. */
export interface Timers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/** What a {@link LiveConnection} needs. */
export interface LiveConnectionOptions {
  subscribe: SubscribeStream;
  /** Receives messages in arrival order, batched per `batchMs` window, with the batch's last id. */
  onMessages: (messages: StreamMessage[], lastEventId: string | undefined) => void;
  /** Where the first subscription resumes: the position of a list read just before. */
  initialEventId?: string;
  onStatus: (status: ConnectionStatus) => void;
  /**
   * Called when the stream is back after a drop or failure: cached queries may have missed
   * changes (a snapshot replay carries no deletions).
   */
  onResync: () => void;
  batchMs?: number;
  timers?: Timers;
}

const DEFAULT_TIMERS: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Keeps one `events.stream` subscription open until {@link LiveConnection.stop}. The
 * subscription link itself resumes dropped connections from the last tracked id; when the
 * stream fails for good, this re-subscribes with backoff, passing the last id it saw so the
 * server replays what was missed (or sends a fresh snapshot when the id is unknown to it).
 */
export class LiveConnection {
  private readonly timers: Timers;
  private readonly batchMs: number;
  private lastEventId: string | undefined;
  private failures = 0;
  private wasLive = false;
  private needsResync = false;
  private stopped = false;
  /** Bumped whenever a subscription is replaced, so callbacks of old ones are ignored. */
  private generation = 0;
  private subscription: { unsubscribe: () => void } | undefined;
  private retryTimer: unknown;
  private flushTimer: unknown;
  private buffer: StreamMessage[] = [];

  constructor(private readonly options: LiveConnectionOptions) {
    this.timers = options.timers ?? DEFAULT_TIMERS;
    this.batchMs = options.batchMs ?? 32;
    this.lastEventId = options.initialEventId;
  }

  /** Opens the subscription. */
  start(): void {
    this.connect();
  }

  /** Closes the subscription and drops anything not yet delivered. */
  stop(): void {
    this.stopped = true;
    this.generation += 1;
    this.subscription?.unsubscribe();
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    if (this.flushTimer !== undefined) this.timers.clearTimeout(this.flushTimer);
    this.buffer = [];
  }

  private connect(): void {
    this.retryTimer = undefined;
    if (this.stopped) return;
    this.setStatus(this.wasLive ? 'reconnecting' : 'connecting');
    const generation = ++this.generation;
    const current =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A): void => {
        if (!this.stopped && generation === this.generation) handler(...args);
      };
    this.subscription = this.options.subscribe(
      this.lastEventId === undefined ? {} : { lastEventId: this.lastEventId },
      {
        onStarted: current(() => this.onStarted()),
        onData: current((item: { id: string; data: StreamMessage }) => this.onData(item)),
        onConnectionStateChange: current(({ state, error }: { state: LinkConnectionState; error: unknown }) =>
          this.setStatus(toConnectionStatus(state, Boolean(error), this.wasLive)),
        ),
        onError: current(() => this.retry()),
        onComplete: current(() => this.retry()),
      },
    );
  }

  /** Every (re)connection after the first may have missed changes the replay cannot carry. */
  private onStarted(): void {
    const reconnected = this.wasLive || this.needsResync;
    this.failures = 0;
    this.wasLive = true;
    this.needsResync = false;
    this.setStatus('live');
    if (reconnected) this.options.onResync();
  }

  private onData(item: { id: string; data: StreamMessage }): void {
    this.lastEventId = item.id;
    this.buffer.push(item.data);
    this.flushTimer ??= this.timers.setTimeout(() => this.flush(), this.batchMs);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const messages = this.buffer;
    this.buffer = [];
    if (!this.stopped && messages.length > 0) this.options.onMessages(messages, this.lastEventId);
  }

  private retry(): void {
    this.generation += 1;
    const failed = this.subscription;
    this.subscription = undefined;
    failed?.unsubscribe();
    if (this.stopped) return;
    this.needsResync = true;
    this.setStatus('offline');
    this.retryTimer = this.timers.setTimeout(() => this.connect(), reconnectDelayMs(this.failures));
    this.failures += 1;
  }

  private setStatus(status: ConnectionStatus): void {
    if (!this.stopped) this.options.onStatus(status);
  }
}
