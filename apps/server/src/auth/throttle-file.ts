import { FailureThrottle, type ThrottleLimits, type ThrottleSnapshot } from './failure-throttle.js';
import { readStateFile, writeStateFile, writeStateFileSync } from './state-file.js';

/** Bytes a persisted window may take on disk (key up to 64 chars, two numbers): bounds the file read. */
const BYTES_PER_WINDOW = 128;

/**
 * A {@link FailureThrottle} kept in a file of the state dir: loaded at start (expired windows
 * dropped, at most the throttle's capacity kept), written at most once per `debounceMs` while
 * failures arrive (one write in flight, off the event loop), and once more, synchronously, at
 * close. The file holds live windows only, so it is bounded by the throttle's capacity.
 */
export class ThrottleFile {
  readonly throttle: FailureThrottle;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;

  constructor(
    private readonly path: string,
    limits: ThrottleLimits,
    now: () => number = Date.now,
    private readonly debounceMs = 1000,
  ) {
    const raw = readStateFile(path, (2 * limits.globalBudget + 1) * BYTES_PER_WINDOW + 1024);
    const snapshot =
      typeof raw === 'object' && raw !== null && typeof (raw as ThrottleSnapshot).keys === 'object'
        ? (raw as ThrottleSnapshot)
        : undefined;
    this.throttle = new FailureThrottle(limits, now, snapshot);
    this.throttle.onChange = () => this.schedule();
  }

  /** Writes what is pending now and stops writing later. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty) writeStateFileSync(this.path, this.throttle.snapshot());
    this.dirty = false;
  }

  /** Resolves when no write is pending or in flight (tests). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.write();
    }
    await this.writing;
  }

  private schedule(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.debounceMs).unref();
  }

  private async write(): Promise<void> {
    if (this.writing) {
      // One write at a time: the next one picks up whatever changed meanwhile.
      await this.writing;
      if (this.timer || !this.dirty) return;
    }
    this.dirty = false;
    this.writing = writeStateFile(this.path, this.throttle.snapshot())
      .catch(() => void (this.dirty = true))
      .finally(() => void (this.writing = undefined));
    await this.writing;
  }
}
