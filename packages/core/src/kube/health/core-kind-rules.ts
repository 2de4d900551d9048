import { conditionsOf, intField, stringField, type Unstructured } from './fields.js';
import { current, failed, inProgress, KStatus, type KStatusResult } from './result.js';

/** How long a Pod may stay unschedulable before kstatus calls it Failed. */
export const SCHEDULE_WINDOW_MS = 15_000;

/** Secrets, ConfigMaps and CronJobs are always ready. Pure. */
export function alwaysReady(): KStatusResult {
  return current('Resource is always ready');
}

function crashLoopingContainers(obj: Unstructured): string[] {
  const statuses = (obj.status as { containerStatuses?: unknown } | undefined)?.containerStatuses;
  if (!Array.isArray(statuses)) return [];
  const names: string[] = [];
  for (const cs of statuses as { name?: unknown; state?: { waiting?: { reason?: unknown } } }[]) {
    if (typeof cs?.name === 'string' && cs.state?.waiting?.reason === 'CrashLoopBackOff') names.push(cs.name);
  }
  return names;
}

/** Pod: by phase; Running needs Ready=True; crash loops fail; long-unschedulable fails. Pure. */
export function podStatus(obj: Unstructured, nowMs: number): KStatusResult {
  const conditions = conditionsOf(obj);
  const phase = stringField(obj, '.status.phase', '');
  switch (phase) {
    case 'Succeeded':
      return current('Pod has completed successfully');
    case 'Failed':
      return current('Pod has completed, but not successfully');
    case 'Running': {
      if (conditions.some((c) => c.type === 'Ready' && c.status === 'True')) return current('Pod is Ready');
      const looping = crashLoopingContainers(obj);
      if (looping.length > 0)
        return failed('ContainerCrashLooping', `Containers in CrashLoop state: ${looping.join(',')}`);
      return inProgress('PodRunningNotReady', 'Pod is running but is not Ready');
    }
    case 'Pending': {
      const unschedulable = conditions.find((c) => c.type === 'PodScheduled' && c.status === 'False');
      if (unschedulable?.reason === 'Unschedulable') {
        const created = Date.parse(stringField(obj, '.metadata.creationTimestamp', ''));
        if (Number.isNaN(created) || nowMs - SCHEDULE_WINDOW_MS < created) {
          return inProgress('PodNotScheduled', 'Pod has not been scheduled');
        }
        return failed('PodUnschedulable', 'Pod could not be scheduled');
      }
      return inProgress('PodPending', 'Pod is in the Pending phase');
    }
    case '':
      return inProgress('PodNotObserved', 'Pod phase not available');
    default:
      return {
        status: KStatus.Unknown,
        message: `unknown phase ${phase}`,
        conditions: [],
        error: `unknown phase ${phase}`,
      };
  }
}

/** PersistentVolumeClaim: Bound. Pure. */
export function pvcStatus(obj: Unstructured): KStatusResult {
  const phase = stringField(obj, '.status.phase', 'unknown');
  if (phase !== 'Bound') return inProgress('NotBound', `PVC is not Bound. phase: ${phase}`);
  return current('PVC is Bound');
}

/** Options for the Service rule. */
export interface ServiceRuleOptions {
  /**
   * Require `status.loadBalancer.ingress` on LoadBalancer Services. Flux's kstatus only
   * requires a cluster IP; this stricter reading is opt-in.
   */
  loadBalancerNeedsIngress?: boolean;
}

/** Service: a LoadBalancer needs a cluster IP (and, opt-in, an ingress address). Pure. */
export function serviceStatus(obj: Unstructured, options: ServiceRuleOptions = {}): KStatusResult {
  if (stringField(obj, '.spec.type', 'ClusterIP') === 'LoadBalancer') {
    if (stringField(obj, '.spec.clusterIP', '') === '') {
      return inProgress('NoIPAssigned', 'ClusterIP not set. Service type: LoadBalancer');
    }
    const ingress = (obj.status as { loadBalancer?: { ingress?: unknown } } | undefined)?.loadBalancer
      ?.ingress;
    if (options.loadBalancerNeedsIngress && (!Array.isArray(ingress) || ingress.length === 0)) {
      return inProgress('NoIngressAssigned', 'Ingress not set. Service type: LoadBalancer');
    }
  }
  return current('Service is ready');
}

/** PodDisruptionBudget: current once its generation is observed (checked generically). Pure. */
export function pdbStatus(): KStatusResult {
  return current('AllowedDisruptions has been computed.');
}

/** Job: Complete ⇒ Current, Failed ⇒ Failed, Suspended ⇒ Current, started ⇒ Current. Pure. */
export function jobStatus(obj: Unstructured): KStatusResult {
  const parallelism = intField(obj, '.spec.parallelism', 1);
  const completions = intField(obj, '.spec.completions', parallelism);
  const succeeded = intField(obj, '.status.succeeded', 0);
  const active = intField(obj, '.status.active', 0);
  const failedCount = intField(obj, '.status.failed', 0);
  for (const c of conditionsOf(obj)) {
    if (c.status !== 'True') continue;
    if (c.type === 'Complete') return current(`Job Completed. succeeded: ${succeeded}/${completions}`);
    if (c.type === 'Failed') return failed('JobFailed', `Job Failed. failed: ${failedCount}/${completions}`);
    if (c.type === 'Suspended') return current('Job is suspended');
  }
  if (stringField(obj, '.status.startTime', '') === '') return inProgress('JobNotStarted', 'Job not started');
  return current(`Job in progress. success:${succeeded}, active: ${active}, failed: ${failedCount}`);
}

/** CustomResourceDefinition: Established (NamesAccepted=False or a non-Installing False ⇒ Failed). Pure. */
export function crdStatus(obj: Unstructured): KStatusResult {
  for (const c of conditionsOf(obj)) {
    if (c.type === 'NamesAccepted' && c.status === 'False') return failed(c.reason, c.message);
    if (c.type === 'Established') {
      if (c.status === 'False' && c.reason !== 'Installing') return failed(c.reason, c.message);
      if (c.status === 'True') return current('CRD is established');
    }
  }
  return inProgress('Installing', 'Install in progress');
}
