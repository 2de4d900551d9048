import type { Logger } from '../runtime/controller.js';
import { waitUntil } from '../runtime/wait-until.js';
import { planCrd, type CrdManifest } from './crd-plan.js';
import type { KubeObject } from './objects.js';
import type { Resources } from './resources.js';

const CRD_API = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };

type LiveCrd = CrdManifest & { status?: { conditions?: { type: string; status: string }[] } };

/**
 * Installs the CRDs as {@link planCrd} decides (never overwriting Flux's, never removing a
 * served version) and waits until each is Established.
 */
export async function installCrds(
  resources: Resources,
  crds: readonly Record<string, unknown>[],
  fieldManager: string,
  log: Logger = () => {},
): Promise<void> {
  for (const desired of crds as unknown as CrdManifest[]) {
    const existing = await resources.get<LiveCrd & KubeObject>({ ...CRD_API, name: desired.metadata.name });
    const plan = planCrd(desired, existing);
    if (plan.action === 'keep') {
      log('info', `CRD ${desired.metadata.name} is installed by ${plan.owner}: left as it is`);
      if (plan.missingVersions.length > 0) {
        log('error', `CRD ${desired.metadata.name} does not serve ${plan.missingVersions.join(', ')}`);
      }
      continue;
    }
    await resources.apply(plan.crd as unknown as KubeObject, { fieldManager, force: true });
  }
  for (const crd of crds as unknown as CrdManifest[]) {
    const name = crd.metadata.name;
    await waitUntil(
      async () => {
        const live = await resources.get<LiveCrd & KubeObject>({ ...CRD_API, name });
        return (
          live?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false
        );
      },
      { timeoutMs: 30_000, what: `CRD ${name} to be Established` },
    );
  }
}
