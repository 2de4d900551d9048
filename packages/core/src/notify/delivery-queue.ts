/**
 * A bounded queue of deliveries run by a few workers: a slow or dead endpoint costs at most
 * `capacity` waiting deliveries of memory; past that, new deliveries are dropped and counted
 * (the emitter is never blocked: reconcilers only ever enqueue).
 */
export class DeliveryQueue {
  private readonly waiting: (() => Promise<void>)[] = [];
  private running = 0;
  private dropped = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly capacity: number,
    private readonly concurrency: number,
    private readonly onDrop: (dropped: number) => void = () => {},
  ) {}

  /** Queues a delivery; false (and counted) when the queue is full. */
  push(task: () => Promise<void>): boolean {
    if (this.waiting.length >= this.capacity) {
      this.dropped += 1;
      this.onDrop(this.dropped);
      return false;
    }
    this.waiting.push(task);
    this.pump();
    return true;
  }

  /** Deliveries waiting and running, and how many were dropped since start. */
  stats(): { waiting: number; running: number; dropped: number } {
    return { waiting: this.waiting.length, running: this.running, dropped: this.dropped };
  }

  /** Resolves when nothing waits or runs (tests, shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const task = this.waiting.shift();
      if (!task) break;
      this.running += 1;
      void task()
        .catch(() => undefined)
        .finally(() => {
          this.running -= 1;
          this.pump();
          if (this.running === 0 && this.waiting.length === 0)
            for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }
}
