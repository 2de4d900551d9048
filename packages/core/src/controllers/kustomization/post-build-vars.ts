import type { KustomizationSpec } from '../../api/kustomize-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { cleanValue, mergeVariables, type LoadedVariables } from '../../render/post-build.js';
import { errorMessage } from '../../runtime/errors.js';

type SubstituteFrom = NonNullable<NonNullable<KustomizationSpec['postBuild']>['substituteFrom']>[number];

const PLURAL: Record<SubstituteFrom['kind'], string> = { ConfigMap: 'configmaps', Secret: 'secrets' };

async function readSource(
  resources: Resources,
  namespace: string,
  ref: SubstituteFrom,
): Promise<Record<string, string> | undefined> {
  const obj = await resources.get<KubeObject & { data?: Record<string, string> }>({
    apiVersion: 'v1',
    kind: ref.kind,
    namespace,
    name: ref.name,
  });
  if (!obj) {
    if (ref.optional) return undefined;
    throw new Error(`${PLURAL[ref.kind]} "${ref.name}" not found`);
  }
  const data = obj.data ?? {};
  if (ref.kind === 'ConfigMap') return data;
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
}

/**
 * Loads post-build variables as Flux's LoadVariables does: each `substituteFrom` ConfigMap's
 * `data` / Secret's decoded `data` in order (later wins; optional + NotFound is skipped), then
 * inline `substitute` on top; newlines stripped. Values from Secrets are listed apart so that
 * messages can be redacted. Errors are returned, not thrown, because Flux
 * reports them against the first resource that needs the variables.
 */
export async function loadVariables(
  resources: Resources,
  namespace: string,
  spec: KustomizationSpec,
): Promise<LoadedVariables> {
  const sources: Record<string, string>[] = [];
  const secretValues: string[] = [];
  for (const ref of spec.postBuild?.substituteFrom ?? []) {
    try {
      const data = await readSource(resources, namespace, ref);
      if (data) sources.push(data);
      if (data && ref.kind === 'Secret') secretValues.push(...Object.values(data).map(cleanValue));
    } catch (error) {
      return { error: `substitute from '${ref.kind}/${ref.name}' error: ${errorMessage(error)}` };
    }
  }
  return { vars: mergeVariables(...sources, spec.postBuild?.substitute), secretValues };
}
