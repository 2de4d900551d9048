import { HelmReason } from '../../api/helmrelease-v2.js';
import type { StoredReleaseJson } from '../../kube/helm-storage/release-codec.js';
import { errorMessage } from '../../runtime/errors.js';
import { emit, type ReleaseContext } from './release-context.js';
import { releaseInventory } from './release-objects.js';

/**
 * helm-controller's `observeInventory`: `status.inventory` becomes the objects of the release
 * just written (hooks excluded) plus the chart's CRDs. Unknown kinds keep no namespace and
 * raise a `NamespaceCheckSkipped` warning; a failure leaves the inventory as it was.
 */
export async function updateInventory(ctx: ReleaseContext, release: StoredReleaseJson): Promise<void> {
  const { hr } = ctx;
  try {
    const { entries, warnings } = await releaseInventory(
      release.manifest ?? '',
      release.namespace,
      ctx.chart.crds,
      ctx.target.resources.mapper,
    );
    (hr.status ??= {}).inventory = { entries };
    if (warnings.length > 0)
      await emit(ctx, 'Warning', HelmReason.NamespaceCheckSkipped, warnings.join('; '));
  } catch (error) {
    await emit(
      ctx,
      'Warning',
      HelmReason.InventoryBuildFailed,
      `failed to build inventory for ${hr.metadata.namespace ?? 'default'}/${hr.metadata.name}: ${errorMessage(error)}`,
    );
  }
}
