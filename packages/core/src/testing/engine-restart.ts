import { join } from 'node:path';
import { createEngine, type EngineOptions } from '../engine.js';
import { pinnedKubectl, type ClusterFixture } from './cluster-fixture.js';

/**
 * Replaces a fixture's engine with one started with other Kustomization options (e.g. Flux's
 * `--default-service-account` or `--no-cross-namespace-refs`) or another address policy, on the
 * same sandbox and artifact storage, as an operator restarting the controller with new flags would.
 */
export async function restartEngine(
  fx: ClusterFixture,
  kustomization: EngineOptions['kustomization'] = {},
  more: Pick<EngineOptions, 'addressPolicy'> = {},
): Promise<void> {
  await fx.engine.stop();
  fx.engine = await createEngine({
    kubeconfigPath: fx.sandbox.kubeconfigPath,
    storageDir: join(fx.sandbox.dir, 'engine'),
    kubectlBin: pinnedKubectl(),
    kustomization: { healthCheckIntervalMs: 500, stageWaitIntervalMs: 500, ...kustomization },
    ...more,
  });
}
