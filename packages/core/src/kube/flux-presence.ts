import type { KubeObject } from './objects.js';
import type { Resources } from './resources.js';

/** Flux's controllers, as `flux install` names their Deployments and leader-election Leases. */
export const FLUX_CONTROLLER_NAMES = [
  'source-controller',
  'kustomize-controller',
  'helm-controller',
  'notification-controller',
  'image-reflector-controller',
  'image-automation-controller',
] as const;

type Deployment = KubeObject & { status?: { readyReplicas?: number } };
type Lease = KubeObject & {
  spec?: { holderIdentity?: string; renewTime?: string; leaseDurationSeconds?: number };
};

/** What shows a Flux controller at work: a ready Deployment, or a Lease still held. */
export interface FluxControllerSighting {
  controller: string;
  evidence: string;
}

/**
 * The Flux controllers running in a namespace: a Deployment of that name with ready replicas,
 * or its `<name>-leader-election` Lease held and renewed within its duration (the holder's
 * clock against ours, with a grace of one lease duration for skew). Pure.
 */
export function fluxControllersRunning(
  deployments: readonly Deployment[],
  leases: readonly Lease[],
  nowMs: number,
): FluxControllerSighting[] {
  const sightings: FluxControllerSighting[] = [];
  for (const controller of FLUX_CONTROLLER_NAMES) {
    const deployment = deployments.find((d) => d.metadata.name === controller);
    const ready = deployment?.status?.readyReplicas ?? 0;
    if (deployment && ready > 0) {
      sightings.push({ controller, evidence: `Deployment ${controller} has ${ready} ready replica(s)` });
      continue;
    }
    const lease = leases.find((l) => l.metadata.name === `${controller}-leader-election`);
    const renewed = Date.parse(lease?.spec?.renewTime ?? '');
    const durationMs = (lease?.spec?.leaseDurationSeconds ?? 0) * 1000;
    if (lease?.spec?.holderIdentity && renewed + 2 * durationMs > nowMs) {
      sightings.push({
        controller,
        evidence: `Lease ${controller}-leader-election is held by ${lease.spec.holderIdentity}`,
      });
    }
  }
  return sightings;
}

/** Looks for Flux's controllers in `namespace` (Flux's controller namespace, `flux-system` by default). */
export async function detectFluxControllers(
  resources: Resources,
  namespace: string,
  nowMs: number = Date.now(),
): Promise<FluxControllerSighting[]> {
  const [deployments, leases] = await Promise.all([
    resources.list<Deployment>('apps/v1', 'Deployment', { namespace }),
    resources.list<Lease>('coordination.k8s.io/v1', 'Lease', { namespace }),
  ]);
  return fluxControllersRunning(deployments.items, leases.items, nowMs);
}
