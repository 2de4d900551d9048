import type { KubeObject } from '../../kube/objects.js';

type WithInclude = KubeObject & { spec?: { include?: { repository?: { name?: string } }[] } };

/**
 * The GitRepositories that include `source` (same namespace, `spec.include[].repository.name`):
 * when its artifact changes they must rebuild, as source-controller's include watch does. A
 * repository that includes itself is left out, so its own new artifact cannot re-trigger it
 * forever. Pure.
 */
export function includersOf<T extends KubeObject>(source: KubeObject, all: readonly T[]): T[] {
  const namespace = source.metadata.namespace;
  return all.filter(
    (repo) =>
      repo.metadata.namespace === namespace &&
      repo.metadata.name !== source.metadata.name &&
      ((repo as WithInclude).spec?.include ?? []).some(
        (incl) => incl.repository?.name === source.metadata.name,
      ),
  );
}
