import {
  computeStatus,
  inventoryWorkloads,
  type GraphInput,
  type HealthLookup,
  type ObjectIdentity,
  type Resources,
  type WorkloadHealth,
  type WorkloadStatus,
} from '@tideline/core';

/** Bounds of {@link InventoryHealth}. */
export interface InventoryHealthLimits {
  /** Objects looked up per request, at most. */
  maxObjects: number;
  /** GETs in flight at once. */
  concurrency: number;
  /** How long a looked-up health is reused. */
  ttlMs: number;
  /** A request answers with what it has after this long. */
  timeoutMs: number;
  /** Healths kept, at most (the oldest go first). */
  maxCached: number;
}

const DEFAULT_LIMITS: InventoryHealthLimits = {
  maxObjects: 200,
  concurrency: 8,
  ttlMs: 5_000,
  timeoutMs: 3_000,
  maxCached: 10_000,
};

/** Secrets are never read: their health is not worth holding their data in this process. */
const NEVER_READ = new Set(['Secret']);

interface Cached {
  health: WorkloadHealth;
  at: number;
}

/**
 * kstatus of the objects in appliers' inventories, looked up on demand — only for the appliers
 * the dashboard expands or explains — rather than from a watch of every kind those inventories
 * hold: a watch of every Deployment, Service and ConfigMap of a cluster costs memory for objects
 * nobody looks at, and would hold Secrets. Each request is bounded in objects, concurrency and
 * time; results are reused for a few seconds so a live graph does not hammer the API server.
 */
export class InventoryHealth {
  private readonly cache = new Map<string, Cached>();
  private readonly limits: InventoryHealthLimits;

  constructor(
    private readonly resources: Resources,
    limits: Partial<InventoryHealthLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Looks up the inventories of `appliers` (bounded) and resolves a lookup over what is known. */
  async lookup(appliers: readonly GraphInput[]): Promise<HealthLookup> {
    const wanted = new Map<string, ObjectIdentity>();
    for (const applier of appliers) {
      for (const obj of inventoryWorkloads(applier)) {
        if (wanted.size >= this.limits.maxObjects) break;
        if (!NEVER_READ.has(obj.kind)) wanted.set(idOf(obj), obj);
      }
    }
    const stale = [...wanted].filter(([id]) => {
      const hit = this.cache.get(id);
      return !hit || this.now() - hit.at > this.limits.ttlMs;
    });
    await withDeadline(this.fetchAll(stale), this.limits.timeoutMs);
    const known = new Map<string, WorkloadHealth>();
    for (const id of wanted.keys()) {
      const hit = this.cache.get(id);
      if (hit) known.set(id, hit.health);
    }
    return (id) => known.get(id);
  }

  private async fetchAll(objects: readonly [string, ObjectIdentity][]): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < objects.length) {
        const entry = objects[next++];
        if (!entry) return;
        const [id, obj] = entry;
        this.remember(id, await this.healthOf(obj));
      }
    };
    await Promise.all(Array.from({ length: this.limits.concurrency }, worker));
  }

  private async healthOf(obj: ObjectIdentity): Promise<WorkloadHealth> {
    try {
      const live = await this.resources.get({
        apiVersion: obj.group ? `${obj.group}/${obj.version}` : obj.version,
        kind: obj.kind,
        namespace: obj.namespace || undefined,
        name: obj.name,
      });
      if (!live) return { status: 'NotFound', message: 'Resource not found' };
      const result = computeStatus(live);
      return { status: result.status as WorkloadStatus, message: result.error ?? result.message };
    } catch (error) {
      return { status: 'Unknown', message: error instanceof Error ? error.message : String(error) };
    }
  }

  private remember(id: string, health: WorkloadHealth): void {
    this.cache.delete(id);
    this.cache.set(id, { health, at: this.now() });
    if (this.cache.size > this.limits.maxCached) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}

function idOf(obj: ObjectIdentity): string {
  return `${obj.kind}/${obj.namespace}/${obj.name}`;
}

/** Waits for `work`, or `ms`, whichever comes first (the work goes on, its results land later). */
async function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
