import {
  Watch,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { describeApiError, apiStatusCode } from './api-errors.js';
import { backoffDelayMs, type BackoffPolicy } from './backoff.js';
import { objectKey } from './object-key.js';
import type { Logger } from './options.js';

/** Options for {@link startListWatch}. */
export interface ListWatchOptions<T extends KubernetesObject> {
  /** Named in log lines. */
  name: string;
  kubeConfig: KubeConfig;
  /** The collection's API path, e.g. `/api/v1/pods`. */
  path: string;
  /** Lists the collection with the same selectors as the watch. */
  list: () => Promise<KubernetesListObject<T>>;
  fieldSelector?: string;
  labelSelector?: string;
  /** Called with an object's key whenever it is added, changed, deleted or relisted. */
  onChange: (key: string) => void;
  logger: Logger;
  /** Delays between failed lists or watches (default 500 ms doubling to 30 s). */
  backoff?: BackoffPolicy;
}

/** A local copy of a collection, kept current by list+watch. */
export interface ListWatchCache<T> {
  /** The object with this key (`namespace/name`), as last seen. */
  get(key: string): T | undefined;
  values(): T[];
  /** Resolves once the first list has filled the cache (or on stop). */
  readonly synced: Promise<void>;
  /** Ends the watch and any retry wait; resolves when nothing is left running. */
  stop(): Promise<void>;
}

/**
 * Lists a collection, then watches it from the list's resourceVersion, and starts over — a
 * relist when the server says the version is gone (410), a resumed watch otherwise — with
 * backoff, until stopped. Objects are kept in their JSON wire form (timestamps are strings,
 * whatever the typed models claim); read them with `toMillis`.
 */
export function startListWatch<T extends KubernetesObject>(options: ListWatchOptions<T>): ListWatchCache<T> {
  return new ReconnectingListWatch(options);
}

/** Watch ended because its resourceVersion is too old; relist. */
class ResourceVersionGoneError extends Error {
  override readonly name = 'ResourceVersionGoneError';
}

const QUICK_WATCH_MS = 1000;

class ReconnectingListWatch<T extends KubernetesObject> implements ListWatchCache<T> {
  readonly synced: Promise<void>;
  private readonly store = new Map<string, T>();
  private resourceVersion = '';
  private stopped = false;
  private abortWatch: (() => void) | undefined;
  private wake: (() => void) | undefined;
  private markSynced: () => void = () => {};
  private readonly loop: Promise<void>;

  constructor(private readonly options: ListWatchOptions<T>) {
    this.synced = new Promise((resolve) => (this.markSynced = resolve));
    this.loop = this.run();
  }

  get(key: string): T | undefined {
    return this.store.get(key);
  }

  values(): T[] {
    return [...this.store.values()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abortWatch?.();
    this.wake?.();
    this.markSynced();
    await this.loop;
  }

  private async run(): Promise<void> {
    const policy = this.options.backoff ?? { baseMs: 500, maxMs: 30_000 };
    let failures = 0;
    while (!this.stopped) {
      const startedMs = Date.now();
      try {
        if (this.resourceVersion === '') {
          await this.relist();
          this.markSynced();
        }
        if (this.stopped) break;
        await this.watchOnce();
        // A watch the server closes at once, again and again, must not become a busy loop.
        failures = Date.now() - startedMs < QUICK_WATCH_MS ? failures + 1 : 0;
      } catch (error) {
        if (this.stopped) break;
        failures++;
        if (error instanceof ResourceVersionGoneError || apiStatusCode(error) === 410) {
          this.resourceVersion = '';
          failures = 0;
        } else {
          this.options.logger(`${this.options.name} list/watch failed: ${describeApiError(error)}`);
        }
      }
      if (failures > 0) await this.sleep(backoffDelayMs(failures, policy));
    }
  }

  private async relist(): Promise<void> {
    const list = await this.options.list();
    // Typed models become wire JSON, the form watch events arrive in, so the cache is uniform.
    const fresh = new Map(list.items.map((item) => [objectKey(item), JSON.parse(JSON.stringify(item)) as T]));
    const removed = [...this.store.keys()].filter((key) => !fresh.has(key));
    this.store.clear();
    for (const [key, item] of fresh) this.store.set(key, item);
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
    for (const key of [...removed, ...fresh.keys()]) this.notify(key);
  }

  private watchOnce(): Promise<void> {
    return new Promise((resolve, reject) => {
      let settled = false;
      let gone = false;
      const query = {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        fieldSelector: this.options.fieldSelector,
        labelSelector: this.options.labelSelector,
      };
      const done = (error: unknown): void => {
        if (settled) return;
        settled = true;
        this.abortWatch = undefined;
        if (this.stopped) resolve();
        else if (gone) reject(new ResourceVersionGoneError('watch resourceVersion expired'));
        else if (error) reject(error);
        else resolve();
      };
      const onEvent = (type: string, object: unknown): void => {
        if (this.apply(type, object) === 'gone') {
          gone = true;
          this.abortWatch?.();
        }
      };
      new Watch(this.options.kubeConfig).watch(this.options.path, query, onEvent, done).then(
        (controller) => {
          if (settled) return;
          this.abortWatch = () => controller.abort();
          if (this.stopped) controller.abort();
        },
        (error: unknown) => done(error ?? new Error('watch failed')),
      );
    });
  }

  private apply(type: string, object: unknown): 'ok' | 'gone' {
    if (typeof object !== 'object' || object === null) return 'ok';
    if (type === 'ERROR') {
      const status = object as { code?: number; message?: string };
      if (status.code === 410) return 'gone';
      this.options.logger(`${this.options.name} watch error: ${status.message ?? JSON.stringify(object)}`);
      return 'ok';
    }
    const item = object as T;
    const version = item.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (type === 'BOOKMARK') return 'ok';
    const key = objectKey(item);
    if (type === 'DELETED') this.store.delete(key);
    else if (type === 'ADDED' || type === 'MODIFIED') this.store.set(key, item);
    else return 'ok';
    this.notify(key);
    return 'ok';
  }

  private notify(key: string): void {
    try {
      this.options.onChange(key);
    } catch (error) {
      this.options.logger(`${this.options.name} change handler failed for ${key}: ${String(error)}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = finish;
    });
  }
}
