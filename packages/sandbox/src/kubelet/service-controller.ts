import type { V1Service } from '@kubernetes/client-node';
import { loadBalancerAddressPool } from './address-pool.js';
import type { Controller } from './controller.js';
import { mergePatch, type KubeClients } from './kube-clients.js';
import { startListWatch } from './list-watch.js';
import type { Logger } from './options.js';
import { loadBalancerIps, planLoadBalancer } from './service-plan.js';
import { WorkQueue, type ReconcileResult } from './work-queue.js';

/** What {@link startServiceController} needs. */
export interface ServiceControllerOptions {
  clients: KubeClients;
  /** Ingress addresses are `<base>10` … `<base>254`. */
  loadBalancerIpBase: string;
  logger: Logger;
}

const EXHAUSTED_RETRY_MS = 30_000;

/**
 * Plays the cloud load balancer: watches Services and writes `status.loadBalancer.ingress`
 * (through the status subresource) as {@link planLoadBalancer} decides. One key at a time, so
 * two Services never get the same address.
 */
export async function startServiceController(options: ServiceControllerOptions): Promise<Controller> {
  const { clients, logger } = options;
  const pool = loadBalancerAddressPool(options.loadBalancerIpBase);
  let cursor = 0;
  // Addresses written but maybe not yet seen through the watch, so they are not handed out twice.
  const assigned = new Map<string, string>();
  const queue = new WorkQueue({ name: 'service', reconcile, logger, concurrency: 1 });
  const services = startListWatch<V1Service>({
    name: 'services',
    kubeConfig: clients.kubeConfig,
    path: '/api/v1/services',
    list: () => clients.core.listServiceForAllNamespaces(),
    onChange: (key) => queue.add(key),
    logger,
  });

  async function reconcile(key: string): Promise<ReconcileResult> {
    const service = services.get(key);
    if (
      service === undefined ||
      service.spec?.type !== 'LoadBalancer' ||
      loadBalancerIps([service]).size > 0
    ) {
      assigned.delete(key);
    }
    if (service === undefined) return {};
    const used = loadBalancerIps(services.values().filter((other) => other !== service));
    for (const [other, ip] of assigned) if (other !== key) used.add(ip);
    const plan = planLoadBalancer(service, pool, used, cursor);
    switch (plan.action) {
      case 'none':
        return {};
      case 'exhausted':
        logger(`service ${key}: no free load-balancer address in ${options.loadBalancerIpBase}0/24`);
        return { requeueAfterMs: EXHAUSTED_RETRY_MS };
      case 'clear':
        await patchIngress(service, null);
        return {};
      case 'assign':
        await patchIngress(service, [{ ip: plan.ip }]);
        assigned.set(key, plan.ip);
        cursor = plan.nextCursor;
        logger(`service ${key} load balancer at ${plan.ip}`);
        return {};
    }
  }

  async function patchIngress(service: V1Service, ingress: { ip: string }[] | null): Promise<void> {
    const body = { metadata: { uid: service.metadata?.uid }, status: { loadBalancer: { ingress } } };
    await clients.core.patchNamespacedServiceStatus(
      { name: service.metadata?.name ?? '', namespace: service.metadata?.namespace ?? '', body },
      mergePatch(),
    );
  }

  await services.synced;
  return {
    async stop() {
      await services.stop();
      await queue.stop();
    },
  };
}
