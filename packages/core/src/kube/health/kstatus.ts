import {
  alwaysReady,
  crdStatus,
  jobStatus,
  pdbStatus,
  podStatus,
  pvcStatus,
  serviceStatus,
  type ServiceRuleOptions,
} from './core-kind-rules.js';
import { conditionsOf, hasInt, intField, stringField, type Unstructured } from './fields.js';
import { current, inProgress, KStatus, type KStatusResult } from './result.js';
import { daemonSetStatus, deploymentStatus, replicaSetStatus, statefulSetStatus } from './workload-rules.js';

/** Options of {@link computeStatus}. */
export interface ComputeOptions extends ServiceRuleOptions {
  /** "Now" in epoch milliseconds, for the Pod scheduling window (default: Date.now()). */
  nowMs?: number;
  /**
   * A custom status reader (Flux's `healthCheckExprs`): when it answers for an object, its answer
   * replaces kstatus entirely, as Flux's custom status readers do.
   */
  custom?: (obj: Unstructured) => KStatusResult | undefined;
}

type Rule = (obj: Unstructured, options: ComputeOptions) => KStatusResult;

/** Built-in kinds keyed `<group>/<Kind>` (core kinds by Kind alone), as cli-utils' legacyTypes. */
const BUILT_IN_RULES: Readonly<Record<string, Rule>> = {
  Service: (o, opts) => serviceStatus(o, opts),
  Pod: (o, opts) => podStatus(o, opts.nowMs ?? Date.now()),
  Secret: alwaysReady,
  PersistentVolumeClaim: pvcStatus,
  'apps/StatefulSet': statefulSetStatus,
  'apps/DaemonSet': daemonSetStatus,
  'extensions/DaemonSet': daemonSetStatus,
  'apps/Deployment': deploymentStatus,
  'extensions/Deployment': deploymentStatus,
  'apps/ReplicaSet': replicaSetStatus,
  'extensions/ReplicaSet': replicaSetStatus,
  'policy/PodDisruptionBudget': pdbStatus,
  'batch/CronJob': alwaysReady,
  ConfigMap: alwaysReady,
  'batch/Job': jobStatus,
  'apiextensions.k8s.io/CustomResourceDefinition': crdStatus,
};

function ruleKey(obj: Unstructured): string {
  const apiVersion = stringField(obj, '.apiVersion', '');
  const kind = stringField(obj, '.kind', '');
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? kind : `${apiVersion.slice(0, slash)}/${kind}`;
}

/** Terminating, observedGeneration lag, then the standard Reconciling/Stalled conditions. Pure. */
function genericStatus(obj: Unstructured): KStatusResult | undefined {
  if (stringField(obj, '.metadata.deletionTimestamp', '') !== '') {
    return { status: KStatus.Terminating, message: 'Resource scheduled for deletion', conditions: [] };
  }
  if (hasInt(obj, '.metadata.generation') && hasInt(obj, '.status.observedGeneration')) {
    const generation = intField(obj, '.metadata.generation', 0);
    const observed = intField(obj, '.status.observedGeneration', 0);
    if (generation !== observed) {
      const kind = stringField(obj, '.kind', '');
      return inProgress(
        'LatestGenerationNotObserved',
        `${kind} generation is ${generation}, but latest observed generation is ${observed}`,
      );
    }
  }
  for (const c of conditionsOf(obj)) {
    if (c.type === 'Reconciling' && c.status === 'True') return inProgress(c.reason, c.message);
    if (c.type === 'Stalled' && c.status === 'True') {
      return {
        status: KStatus.Failed,
        message: c.message,
        conditions: [{ type: 'Stalled', status: 'True', reason: c.reason, message: c.message }],
      };
    }
  }
  return undefined;
}

/** The widely used (non-standard) Ready condition: True ⇒ Current, False/Unknown ⇒ InProgress. Pure. */
function readyConditionStatus(obj: Unstructured): KStatusResult | undefined {
  for (const c of conditionsOf(obj)) {
    if (c.type !== 'Ready') continue;
    if (c.status === 'True') return current('Resource is Ready');
    if (c.status === 'False' || c.status === 'Unknown') return inProgress(c.reason, c.message);
  }
  return undefined;
}

/**
 * kstatus `Compute` (fluxcd/cli-utils): generic rules first (Terminating, generation lag,
 * Reconciling/Stalled), then the built-in kind rules, then a Ready condition, and finally
 * "no known conditions ⇒ Current". Errors yield Unknown with `error` set. Pure.
 */
export function computeStatus(obj: object, options: ComputeOptions = {}): KStatusResult {
  const u = obj as Unstructured;
  const custom = options.custom?.(u);
  if (custom) return custom;
  const generic = genericStatus(u);
  if (generic) return generic;
  const rule = BUILT_IN_RULES[ruleKey(u)];
  if (rule) return rule(u, options);
  return readyConditionStatus(u) ?? current('Resource is current');
}
