import { PatchType, type KubeClient } from './client.js';
import { isNotFound } from './errors.js';
import type { KubeList, KubeObject } from './objects.js';
import { resourcePath, ResourceMapper } from './resource-mapper.js';

/** A reference to one object. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Options of a server-side apply. */
export interface ApplyOptions {
  fieldManager: string;
  force?: boolean;
  dryRun?: boolean;
}

/**
 * Typed CRUD over any kind: get, list, server-side apply, merge patch, status patch, delete.
 * The one place the engine talks to resources.
 */
export class Resources {
  readonly mapper: ResourceMapper;

  constructor(
    readonly client: KubeClient,
    mapper?: ResourceMapper,
  ) {
    this.mapper = mapper ?? new ResourceMapper(client);
  }

  /**
   * The same cluster as another user and its groups (impersonation): requests are authorized
   * as them, while the kind mapping already discovered is shared.
   */
  as(user: string, groups: readonly string[] = []): Resources {
    return new Resources(this.client.as(user, groups), this.mapper);
  }

  /** The object, or undefined when it does not exist. */
  async get<T extends KubeObject = KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    const m = await this.mapper.map(ref.apiVersion, ref.kind);
    try {
      return await this.client.request<T>({ method: 'GET', path: resourcePath(m, ref.namespace, ref.name) });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Lists a kind, in a namespace or across all namespaces. */
  async list<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: {
      namespace?: string;
      labelSelector?: string;
      fieldSelector?: string;
      /** `'0'` serves the list from the API server's watch cache (no etcd read; may lag slightly). */
      resourceVersion?: string;
    } = {},
  ): Promise<KubeList<T>> {
    const m = await this.mapper.map(apiVersion, kind);
    const list = await this.client.request<KubeList<T>>({
      method: 'GET',
      path: resourcePath(m, options.namespace),
      query: {
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        resourceVersion: options.resourceVersion,
      },
    });
    for (const item of list.items) {
      item.apiVersion ??= apiVersion;
      item.kind ??= kind;
    }
    return list;
  }

  /** Server-side apply of a whole object. */
  async apply<T extends KubeObject = KubeObject>(obj: KubeObject, options: ApplyOptions): Promise<T> {
    const m = await this.mapper.map(obj.apiVersion, obj.kind);
    return this.client.request<T>({
      method: 'PATCH',
      path: resourcePath(m, m.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name),
      query: {
        fieldManager: options.fieldManager,
        force: options.force ?? true,
        dryRun: options.dryRun ? 'All' : undefined,
      },
      body: obj,
      contentType: PatchType.Apply,
    });
  }

  /** JSON merge patch of an object (e.g. `spec.suspend`, annotations). */
  async mergePatch<T extends KubeObject = KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    fieldManager?: string,
  ): Promise<T> {
    const m = await this.mapper.map(ref.apiVersion, ref.kind);
    return this.client.request<T>({
      method: 'PATCH',
      path: resourcePath(m, ref.namespace, ref.name),
      query: { fieldManager },
      body: patch,
      contentType: PatchType.Merge,
    });
  }

  /** RFC 6902 JSON patch of an object (e.g. managedFields cleanup). */
  async jsonPatch<T extends KubeObject = KubeObject>(
    ref: ObjectRef,
    ops: unknown[],
    fieldManager?: string,
  ): Promise<T> {
    const m = await this.mapper.map(ref.apiVersion, ref.kind);
    return this.client.request<T>({
      method: 'PATCH',
      path: resourcePath(m, ref.namespace, ref.name),
      query: { fieldManager },
      body: ops,
      contentType: PatchType.Json,
    });
  }

  /** Merge patch of the status subresource. */
  async patchStatus<T extends KubeObject = KubeObject>(
    ref: ObjectRef,
    status: unknown,
    fieldManager: string,
  ): Promise<T> {
    const m = await this.mapper.map(ref.apiVersion, ref.kind);
    return this.client.request<T>({
      method: 'PATCH',
      path: resourcePath(m, ref.namespace, ref.name, 'status'),
      query: { fieldManager },
      body: { status },
      contentType: PatchType.Merge,
    });
  }

  /**
   * Replaces an object (PUT). The object's `metadata.resourceVersion` makes it conditional: a
   * concurrent change fails with 409 Conflict (leases, CRD merges).
   */
  async replace<T extends KubeObject = KubeObject>(obj: KubeObject, fieldManager?: string): Promise<T> {
    const m = await this.mapper.map(obj.apiVersion, obj.kind);
    return this.client.request<T>({
      method: 'PUT',
      path: resourcePath(m, m.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name),
      query: { fieldManager },
      body: obj,
    });
  }

  /** Creates an object (e.g. an Event). */
  async create<T extends KubeObject = KubeObject>(obj: KubeObject): Promise<T> {
    const m = await this.mapper.map(obj.apiVersion, obj.kind);
    return this.client.request<T>({
      method: 'POST',
      path: resourcePath(m, obj.metadata.namespace),
      body: obj,
    });
  }

  /** Deletes an object; true when it existed. */
  async delete(
    ref: ObjectRef,
    propagationPolicy: 'Background' | 'Foreground' | 'Orphan' = 'Background',
  ): Promise<boolean> {
    const m = await this.mapper.map(ref.apiVersion, ref.kind);
    try {
      await this.client.request({
        method: 'DELETE',
        path: resourcePath(m, ref.namespace, ref.name),
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy },
      });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}
