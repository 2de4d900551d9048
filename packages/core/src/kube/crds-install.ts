import { waitUntil } from '../runtime/wait-until.js';
import type { KubeObject } from './objects.js';
import type { Resources } from './resources.js';

/** Server-side applies CRDs and waits until each is Established. */
export async function installCrds(
  resources: Resources,
  crds: readonly Record<string, unknown>[],
  fieldManager: string,
): Promise<void> {
  for (const crd of crds) await resources.apply(crd as KubeObject, { fieldManager, force: true });
  for (const crd of crds) {
    const name = (crd as KubeObject).metadata.name;
    await waitUntil(
      async () => {
        const live = await resources.get<
          KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
        >({
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          name,
        });
        return (
          live?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false
        );
      },
      { timeoutMs: 30_000, what: `CRD ${name} to be Established` },
    );
  }
}
