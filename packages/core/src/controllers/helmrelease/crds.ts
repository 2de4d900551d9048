import { HELM_NAME_LABEL, HELM_NAMESPACE_LABEL } from '../../api/helmrelease-v2.js';
import { isConflict } from '../../kube/errors.js';
import type { KubeObject } from '../../kube/objects.js';
import { errorMessage } from '../../runtime/errors.js';
import { waitUntil } from '../../runtime/wait-until.js';
import type { ReleaseContext } from './release-context.js';
import { actionTimeoutMs } from './release-spec.js';

/** The field manager helm-controller applies with. */
export const HELM_CONTROLLER = 'helm-controller';

const isCrd = (o: KubeObject): boolean =>
  o.kind === 'CustomResourceDefinition' && o.apiVersion.startsWith('apiextensions.k8s.io/');

/**
 * helm-controller's `applyCRDs`: the chart's `crds/` objects, by policy — `Skip`, `Create` (an
 * existing CRD is left alone) or `CreateReplace` (updated in place) — labelled with the
 * HelmRelease's origin labels, then waited on until Established. Non-CRD objects in `crds/` are
 * ignored, as Flux ignores them. Helm itself is told `--skip-crds`.
 */
export async function applyChartCrds(
  ctx: ReleaseContext,
  policy: 'Skip' | 'Create' | 'CreateReplace',
): Promise<void> {
  const crds = ctx.chart.crds.filter(isCrd);
  if (crds.length === 0 || policy === 'Skip') return;
  const { resources } = ctx.target;
  const labels = {
    [HELM_NAME_LABEL]: ctx.hr.metadata.name,
    [HELM_NAMESPACE_LABEL]: ctx.hr.metadata.namespace ?? 'default',
  };
  try {
    for (const crd of crds) {
      const obj: KubeObject = {
        ...crd,
        metadata: { ...crd.metadata, labels: { ...crd.metadata.labels, ...labels } },
      };
      if (policy === 'CreateReplace') {
        await resources.apply(obj, { fieldManager: HELM_CONTROLLER, force: true });
        continue;
      }
      try {
        await resources.create(obj);
      } catch (error) {
        if (!isConflict(error))
          throw new Error(
            `failed to create CustomResourceDefinition ${crd.metadata.name}: ${errorMessage(error)}`,
          );
      }
    }
    const timeoutMs = actionTimeoutMs(ctx.hr, ctx.hr.status?.lastAttemptedReleaseAction ?? 'install');
    for (const crd of crds) {
      await waitUntil(
        async () => {
          const live = await resources.get<
            KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
          >({
            apiVersion: 'apiextensions.k8s.io/v1',
            kind: 'CustomResourceDefinition',
            name: crd.metadata.name,
          });
          return (
            live?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false
          );
        },
        { timeoutMs, intervalMs: 500, what: `CustomResourceDefinition ${crd.metadata.name}` },
      );
    }
  } catch (error) {
    throw new Error(`failed to apply CustomResourceDefinitions: ${errorMessage(error)}`);
  }
}
