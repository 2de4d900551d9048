import type { KubeClient } from './client.js';
import { isNotFound } from './errors.js';

/** Where a kind lives in the REST API. */
export interface ResourceMapping {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

interface APIResourceList {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

/** Splits `apps/v1` into group `apps`, version `v1`; core `v1` has group ''. Pure. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** REST path of a collection or object. Pure. */
export function resourcePath(
  mapping: ResourceMapping,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  const { group, version } = splitApiVersion(mapping.apiVersion);
  let path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  if (mapping.namespaced && namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${mapping.plural}`;
  if (name) path += `/${encodeURIComponent(name)}`;
  if (subresource) path += `/${subresource}`;
  return path;
}

/** Raised when the API server does not serve a kind. */
export class UnknownKindError extends Error {
  constructor(apiVersion: string, kind: string) {
    super(`no matches for kind "${kind}" in version "${apiVersion}"`);
    this.name = 'UnknownKindError';
  }
}

/**
 * Maps apiVersion+kind to REST resources through API discovery, caching each group version
 * and re-reading it on a miss (a CRD applied a moment ago becomes known).
 */
export class ResourceMapper {
  private readonly cache = new Map<string, Promise<APIResourceList>>();

  constructor(private readonly client: KubeClient) {}

  /** The mapping for a kind; throws {@link UnknownKindError} when not served. */
  async map(apiVersion: string, kind: string): Promise<ResourceMapping> {
    let found = await this.lookup(apiVersion, kind, false);
    found ??= await this.lookup(apiVersion, kind, true);
    if (!found) throw new UnknownKindError(apiVersion, kind);
    return found;
  }

  private async lookup(
    apiVersion: string,
    kind: string,
    refresh: boolean,
  ): Promise<ResourceMapping | undefined> {
    if (refresh) this.cache.delete(apiVersion);
    let list = this.cache.get(apiVersion);
    if (!list) {
      const { group, version } = splitApiVersion(apiVersion);
      const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
      list = this.client.request<APIResourceList>({ method: 'GET', path });
      this.cache.set(apiVersion, list);
      list.catch(() => this.cache.delete(apiVersion));
    }
    let resources: APIResourceList;
    try {
      resources = await list;
    } catch (error) {
      // A group version that is not served is an unknown kind; anything else (TLS, 401, a
      // refused connection to a remote cluster) is the real error and must say so.
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const r = resources.resources.find((res) => res.kind === kind && !res.name.includes('/'));
    return r ? { apiVersion, kind, plural: r.name, namespaced: r.namespaced } : undefined;
  }
}
