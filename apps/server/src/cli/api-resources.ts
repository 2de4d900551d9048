import type { KubeClient } from '@tideline/core';
import { UsageError } from './cli-error.js';

/** One resource the API server serves, as discovery lists it. */
export interface ApiResource {
  apiVersion: string;
  kind: string;
  name: string;
  singularName?: string;
  shortNames?: string[];
  namespaced: boolean;
}

type ResourceList = {
  groupVersion: string;
  resources: (Omit<ApiResource, 'apiVersion'> & { name: string })[];
};
type GroupList = { groups: { preferredVersion?: { groupVersion: string } }[] };

/**
 * The resource a kubectl-style word names (`deployment`, `deployments`, `deploy`, `Deployment`,
 * `deployments.apps`), as kubectl's RESTMapper matches it: plural, singular, short name or kind,
 * case-insensitively; `<resource>.<group>` narrows the group. Pure.
 */
export function matchResource(word: string, resources: readonly ApiResource[]): ApiResource | undefined {
  const lower = word.toLowerCase();
  const dot = lower.indexOf('.');
  const [base, group] = dot < 0 ? [lower, undefined] : [lower.slice(0, dot), lower.slice(dot + 1)];
  const inGroup = (r: ApiResource): boolean =>
    group === undefined || (r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : '') === group;
  const tests: ((r: ApiResource) => boolean)[] = [
    (r) => r.name === base,
    (r) => (r.singularName || r.kind.toLowerCase()) === base,
    (r) => (r.shortNames ?? []).includes(base),
    (r) => r.kind.toLowerCase() === base,
  ];
  for (const test of tests) {
    const found = resources.find((r) => inGroup(r) && test(r));
    if (found) return found;
  }
  return undefined;
}

/** Every top-level resource of the preferred version of each group (subresources such as `pods/log` left out). */
export async function discoverResources(client: KubeClient): Promise<ApiResource[]> {
  const groups = await client.request<GroupList>({ method: 'GET', path: '/apis' });
  const versions = [
    'v1',
    ...groups.groups.map((g) => g.preferredVersion?.groupVersion).filter((v): v is string => !!v),
  ];
  const lists = await Promise.all(
    versions.map((gv) =>
      client
        .request<ResourceList>({ method: 'GET', path: gv === 'v1' ? '/api/v1' : `/apis/${gv}` })
        .catch(() => ({ groupVersion: gv, resources: [] })),
    ),
  );
  return lists.flatMap((list) =>
    list.resources.filter((r) => !r.name.includes('/')).map((r) => ({ ...r, apiVersion: list.groupVersion })),
  );
}

/** The resource a word names on this cluster; an unknown word is a usage error, as kubectl's. */
export async function resolveResource(client: KubeClient, word: string): Promise<ApiResource> {
  const found = matchResource(word, await discoverResources(client));
  if (!found) throw new UsageError(`the server doesn't have a resource type "${word}"`);
  return found;
}
