import type { KubeClient } from './client.js';
import type { KubeList, KubeObject } from './objects.js';
import { resourcePath, type ResourceMapper } from './resource-mapper.js';
import { WatchLineDecoder } from './watch-stream.js';

/** What an informer tells its listeners. */
export interface InformerHandlers<T extends KubeObject> {
  onAdd?(obj: T): void;
  onUpdate?(obj: T, old: T): void;
  onDelete?(obj: T): void;
  /** Called after each (re)list, when the cache is complete. */
  onSynced?(): void;
}

/** Options for an informer. */
export interface InformerOptions {
  apiVersion: string;
  kind: string;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Called on list/watch failures; the informer retries by itself. */
  onError?(error: unknown): void;
  /** Objects per list page (`limit`/`continue`), so a huge list never arrives as one response. */
  pageSize?: number;
  /**
   * What the cache keeps of an object (handlers still get the whole object). An informer that
   * only needs to tell adds from updates and deletions keeps metadata alone, so its memory does
   * not grow with the objects' size. Must keep `metadata.name`, `namespace` and `resourceVersion`.
   */
  keep?(obj: KubeObject): KubeObject;
}

/** Objects per list page unless the options say otherwise (client-go's reflector pages by 500). */
const DEFAULT_PAGE_SIZE = 500;

/** Cache key of an object. */
export function objectKey(obj: { metadata: { namespace?: string; name: string } }): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/**
 * List + watch of one kind with a local cache. Watches resume from the last resourceVersion;
 * an expired version (410) or a broken stream leads to a relist, whose differences are
 * delivered as add/update/delete so listeners stay level-correct.
 */
export class Informer<T extends KubeObject> {
  private readonly cache = new Map<string, T>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private abort = new AbortController();
  private stopped = false;
  private synced = false;
  private syncWaiters: (() => void)[] = [];

  constructor(
    private readonly client: KubeClient,
    private readonly mapper: ResourceMapper,
    readonly options: InformerOptions,
  ) {}

  /** Registers listeners (before or after start). */
  addHandlers(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers);
  }

  /** Every cached object. */
  list(): T[] {
    return [...this.cache.values()];
  }

  /** A cached object by namespace and name. */
  get(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(`${namespace ?? ''}/${name}`);
  }

  /** Starts the list/watch loop in the background. */
  start(): void {
    void this.run();
  }

  /** Resolves once the first list has been delivered. */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  /** Stops watching. */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async run(): Promise<void> {
    let backoff = 500;
    while (!this.stopped) {
      try {
        const version = await this.relist();
        backoff = 500;
        await this.watch(version);
      } catch (error) {
        if (this.stopped) return;
        this.options.onError?.(error);
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  private async relist(): Promise<string> {
    const m = await this.mapper.map(this.options.apiVersion, this.options.kind);
    const seen = new Set<string>();
    let next: string | undefined;
    let version = '';
    do {
      const list: KubeList<T> = await this.client.request<KubeList<T>>({
        method: 'GET',
        path: resourcePath(m, this.options.namespace),
        query: {
          labelSelector: this.options.labelSelector,
          fieldSelector: this.options.fieldSelector,
          limit: this.options.pageSize ?? DEFAULT_PAGE_SIZE,
          continue: next,
        },
      });
      for (const item of list.items) {
        item.apiVersion ??= this.options.apiVersion;
        item.kind ??= this.options.kind;
        seen.add(objectKey(item));
        this.upsert(item);
      }
      next = list.metadata.continue || undefined;
      version = list.metadata.resourceVersion ?? '';
    } while (next);
    for (const [key, old] of this.cache) {
      if (!seen.has(key)) {
        this.cache.delete(key);
        for (const h of this.handlers) h.onDelete?.(old);
      }
    }
    if (!this.synced) {
      this.synced = true;
      for (const resolve of this.syncWaiters.splice(0)) resolve();
    }
    for (const h of this.handlers) h.onSynced?.();
    return version;
  }

  private async watch(fromVersion: string): Promise<void> {
    let version = fromVersion;
    for (;;) {
      if (this.stopped) return;
      this.abort = new AbortController();
      const m = await this.mapper.map(this.options.apiVersion, this.options.kind);
      const stream = await this.client.stream({
        method: 'GET',
        path: resourcePath(m, this.options.namespace),
        query: {
          watch: 1,
          resourceVersion: version,
          allowWatchBookmarks: true,
          timeoutSeconds: 300,
          labelSelector: this.options.labelSelector,
          fieldSelector: this.options.fieldSelector,
        },
        signal: this.abort.signal,
        timeoutMs: 330_000,
      });
      const decoder = new WatchLineDecoder<T>();
      const expired = await new Promise<boolean>((resolve, reject) => {
        let gone = false;
        stream.on('data', (chunk: Buffer) => {
          for (const event of decoder.push(chunk.toString('utf8'))) {
            if (event.type === 'ERROR') {
              const status = event.object as unknown as { code?: number };
              if (status.code === 410) gone = true;
              continue;
            }
            const v = event.object.metadata?.resourceVersion;
            if (v) version = v;
            if (event.type === 'BOOKMARK') continue;
            event.object.apiVersion ??= this.options.apiVersion;
            event.object.kind ??= this.options.kind;
            if (event.type === 'DELETED') this.remove(event.object);
            else this.upsert(event.object);
          }
        });
        stream.on('end', () => resolve(gone));
        stream.on('error', (error) => (this.stopped ? resolve(false) : reject(error)));
      });
      if (expired) return; // back to run(): relist
    }
  }

  private upsert(obj: T): void {
    const key = objectKey(obj);
    const old = this.cache.get(key);
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    this.cache.set(key, this.options.keep ? (this.options.keep(obj) as T) : obj);
    for (const h of this.handlers) {
      if (old) h.onUpdate?.(obj, old);
      else h.onAdd?.(obj);
    }
  }

  private remove(obj: T): void {
    const key = objectKey(obj);
    const old = this.cache.get(key) ?? obj;
    this.cache.delete(key);
    for (const h of this.handlers) h.onDelete?.(old);
  }
}
