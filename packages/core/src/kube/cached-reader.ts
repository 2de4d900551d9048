import type { Informer } from './informer.js';
import type { KubeObject } from './objects.js';
import type { ObjectRef, Resources } from './resources.js';

/** Reads objects by reference: from an informer's cache when one watches the kind, else live. */
export interface ObjectReader {
  get<T extends KubeObject = KubeObject>(ref: ObjectRef): Promise<T | undefined>;
}

/**
 * An {@link ObjectReader} over the engine's informers, as controller-runtime's cached client:
 * a controller reading the objects it depends on (sources, dependencies) costs no API request.
 * Kinds nobody watches are read from the API server. Cached objects are handed out as copies,
 * because reconcilers edit the object they read (its status) and the cache must stay as watched.
 */
export class CachedReader implements ObjectReader {
  private readonly informers = new Map<string, Informer<KubeObject>>();

  constructor(private readonly live: Resources) {}

  /** Serves `apiVersion`/`kind` from `informer` (which must be started before reads). */
  register(apiVersion: string, kind: string, informer: Informer<KubeObject>): void {
    this.informers.set(`${apiVersion}/${kind}`, informer);
  }

  async get<T extends KubeObject = KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    const informer = this.informers.get(`${ref.apiVersion}/${ref.kind}`);
    if (!informer) return this.live.get<T>(ref);
    const cached = informer.get(ref.namespace, ref.name);
    return cached === undefined ? undefined : (structuredClone(cached) as T);
  }
}
