import {
  decideLease,
  DEFAULT_LEASE_TIMING,
  recordKey,
  releasedRecord,
  type LeaseObservation,
  type LeaseRecord,
  type LeaseTiming,
} from './leader-election.js';

/** Reads and writes the election's Lease (the Kubernetes side lives in `kube/lease-lock.ts`). */
export interface LeaseLock {
  /** The record and its resourceVersion, or undefined when the Lease does not exist. */
  get(): Promise<{ record: LeaseRecord; resourceVersion: string } | undefined>;
  /** False when another candidate created it first. */
  create(record: LeaseRecord): Promise<boolean>;
  /** Conditional on `resourceVersion`: false when another candidate wrote first. */
  update(record: LeaseRecord, resourceVersion: string): Promise<boolean>;
}

/** Options of a {@link LeaderElector}. */
export interface LeaderElectorOptions {
  lock: LeaseLock;
  identity: string;
  timing?: LeaseTiming;
  /** Told on every change of leadership. */
  onChange(leading: boolean): void;
  onError?(error: unknown): void;
  /** The clock (tests may pass a simulated one). */
  now?: () => number;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Campaigns for a Lease and keeps it, as client-go's LeaderElector: try every retry period
 * (jittered ×1.2) until acquired; then renew every retry period, and step down when no renewal
 * has succeeded for the renew deadline. Unlike controller-runtime, stepping down does not end
 * the process: the elector campaigns again. `stop()` releases a held lease.
 */
export class LeaderElector {
  private readonly abort = new AbortController();
  private readonly timing: LeaseTiming;
  private readonly now: () => number;
  private observed: LeaseObservation | undefined;
  private leading = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: LeaderElectorOptions) {
    this.timing = options.timing ?? DEFAULT_LEASE_TIMING;
    this.now = options.now ?? Date.now;
  }

  /** Whether this engine holds the lease. */
  get isLeader(): boolean {
    return this.leading;
  }

  /** Starts campaigning in the background; resolves once the first attempt is decided. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.loop ??= this.run(resolve);
    });
  }

  /** Stops campaigning and releases the lease if held. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    if (!this.leading) return;
    this.setLeading(false);
    try {
      const current = await this.options.lock.get();
      if (current?.record.holderIdentity === this.options.identity) {
        await this.options.lock.update(releasedRecord(current.record, this.now()), current.resourceVersion);
      }
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private async run(firstAttempt: () => void): Promise<void> {
    const { signal } = this.abort;
    let lastRenewal = 0;
    while (!signal.aborted) {
      const held = await this.tryAcquireOrRenew();
      if (held) lastRenewal = this.now();
      if (held !== this.leading) {
        if (held || this.now() - lastRenewal >= this.timing.renewDeadlineMs) this.setLeading(held);
      }
      firstAttempt();
      const jitter = this.leading ? 1 : 1 + Math.random() * 0.2;
      await sleep(this.timing.retryPeriodMs * jitter, signal);
    }
  }

  private setLeading(leading: boolean): void {
    if (leading === this.leading) return;
    this.leading = leading;
    this.options.onChange(leading);
  }

  /** One attempt; true when this engine holds the lease afterwards. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    try {
      const current = await this.options.lock.get();
      const key = recordKey(current?.record);
      if (this.observed?.key !== key) this.observed = { key, atMs: this.now() };
      const decision = decideLease(
        current?.record,
        this.observed,
        this.options.identity,
        this.now(),
        this.timing,
      );
      if (decision.action === 'wait') return false;
      const written =
        decision.action === 'create'
          ? await this.options.lock.create(decision.record)
          : await this.options.lock.update(decision.record, current?.resourceVersion ?? '');
      if (written) this.observed = { key: recordKey(decision.record), atMs: this.now() };
      return written;
    } catch (error) {
      this.options.onError?.(error);
      return false;
    }
  }
}
