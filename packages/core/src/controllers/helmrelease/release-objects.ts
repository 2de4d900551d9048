import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../kube/objects.js';
import { entryOf } from '../../kube/inventory.js';
import type { ResourceMapper } from '../../kube/resource-mapper.js';

/** The annotation that marks a rendered object as a Helm hook. */
const HOOK_ANNOTATION = 'helm.sh/hook';

/** The objects of a release manifest (hooks excluded), as read back by Helm (YAML 1.1). Pure. */
export function manifestObjects(manifest: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(manifest, { version: '1.1', uniqueKeys: false })) {
    if (Array.isArray(doc)) continue;
    const obj = doc.toJS({ maxAliasCount: 100 }) as KubeObject | null;
    if (!obj || typeof obj !== 'object' || !obj.kind || !obj.metadata?.name) continue;
    if (obj.metadata.annotations?.[HOOK_ANNOTATION] !== undefined) continue;
    out.push(obj);
  }
  return out;
}

/**
 * Gives namespaced objects without a namespace the release's, as helm-controller's inventory
 * does (scope from discovery); kinds the cluster does not know keep none and produce a
 * warning. Mutates the objects; returns the warnings.
 */
export async function setReleaseNamespaces(
  objects: KubeObject[],
  releaseNamespace: string,
  mapper: ResourceMapper,
): Promise<string[]> {
  const warnings: string[] = [];
  const scope = new Map<string, boolean | undefined>();
  for (const obj of objects) {
    if (obj.metadata.namespace) continue;
    const key = `${obj.apiVersion}/${obj.kind}`;
    if (!scope.has(key)) {
      try {
        scope.set(key, (await mapper.map(obj.apiVersion, obj.kind)).namespaced);
      } catch (error) {
        scope.set(key, undefined);
        warnings.push(
          `failed to determine if ${obj.kind} is namespace scoped, skipping namespace: ${(error as Error).message}`,
        );
      }
    }
    if (scope.get(key)) obj.metadata.namespace = releaseNamespace;
  }
  return warnings;
}

/** `status.inventory` of a release: its manifest objects, then the chart's CRDs. */
export async function releaseInventory(
  manifest: string,
  releaseNamespace: string,
  crds: readonly KubeObject[],
  mapper: ResourceMapper,
): Promise<{ entries: { id: string; v: string }[]; warnings: string[] }> {
  const objects = manifestObjects(manifest);
  const warnings = await setReleaseNamespaces(objects, releaseNamespace, mapper);
  return { entries: [...objects, ...crds].map(entryOf), warnings };
}
