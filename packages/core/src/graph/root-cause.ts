import type { EdgeType } from '../api/kind-definition.js';
import { workloadsNamedIn } from './health-message.js';
import {
  buildDeliveryGraph,
  type DeliveryGraph,
  type GraphInput,
  type GraphNode,
  type ReadyStatus,
} from './model.js';
import type { NodeState } from './state-palette.js';
import { lastChangedBy, type AutomationLink } from './root-cause-automation.js';
import { inventoryWorkloads, workloadsNodeId, workloadState, type HealthLookup } from './workloads.js';

export type { AutomationLink } from './root-cause-automation.js';

/**
 * The graphical `flux trace`: why an object is not Ready, as the chain of objects that explains
 * it — its source (and a HelmRelease's chart), its `dependsOn`, an automation's policies, and
 * the inventory objects a failed health check names — walked until an object whose own
 * condition is the cause. The object's Ready reason says which way to look first
 * (DependencyNotReady → its dependencies, ArtifactFailed → its source, HealthCheckFailed → its
 * workloads); reasons about the object's own input stop the walk there. Pure.
 */

/** How a link relates to the one before it in the chain. */
export type CauseRelation = 'self' | 'source' | 'dependsOn' | 'policy' | 'workload';

/** One object in the chain. */
export interface CauseLink {
  /** `<Kind>/<namespace>/<name>` (a workload's `<Kind>//<name>` when cluster-scoped). */
  id: string;
  kind: string;
  namespace: string;
  name: string;
  relation: CauseRelation;
  /** The graph node that draws it: the object, or its applier's workloads node; undefined if none. */
  nodeId?: string;
  state: NodeState;
  /** Flux objects: the Ready status. Workloads: their kstatus status (`InProgress`, `Failed`, …). */
  status: string;
  reason: string;
  message: string;
}

/** Why an object is (not) Ready. */
export interface RootCause {
  target: string;
  ready: boolean;
  /** The target first, the cause last. */
  chain: CauseLink[];
  /** The first failing link, counted from the source end: the last of the chain, when not Ready. */
  cause?: CauseLink;
  /** The image automation whose commit the target (or its source) is at. */
  automation?: AutomationLink;
  /** One sentence: "Not Ready because GitRepository flux-system/apps: authentication failed …". */
  summary: string;
}

/** Reasons about an object's own input or action: the walk stops at it (its message says why). */
const OWN_REASONS = new Set([
  'BuildFailed',
  'ReconciliationFailed',
  'PruneFailed',
  'InvalidCELExpression',
  'AccessDenied',
  'FeatureGateDisabled',
  'ValuesError',
  'InvalidPolicy',
  'InvalidPolicySelector',
  'InvalidSourceConfiguration',
  'RemovedTemplateField',
  'URLInvalid',
  'ImageURLInvalid',
]);

/** Where to look first, by the object's Ready reason. */
function lookOrder(reason: string): readonly CauseRelation[] {
  if (reason === 'DependencyNotReady') return ['dependsOn', 'source', 'policy'];
  if (reason === 'ArtifactFailed' || reason === 'SourceNotReady') return ['source', 'dependsOn', 'policy'];
  if (reason === 'HealthCheckFailed') return ['workload'];
  if (OWN_REASONS.has(reason)) return ['workload'];
  return ['source', 'dependsOn', 'policy', 'workload'];
}

const EDGE_OF: Partial<Record<CauseRelation, EdgeType>> = {
  source: 'source',
  dependsOn: 'dependsOn',
  policy: 'policy',
};

interface Index {
  nodes: Map<string, GraphNode>;
  objects: Map<string, GraphInput>;
  /** Incoming edges by target id and type: who feeds it. */
  into: Map<string, string[]>;
  health: HealthLookup;
}

/** Explains why `targetId` is not Ready; undefined when no such object is in `objects`. Pure. */
export function explainNotReady(
  targetId: string,
  objects: readonly GraphInput[],
  options: { graph?: DeliveryGraph; health?: HealthLookup } = {},
): RootCause | undefined {
  const graph = options.graph ?? buildDeliveryGraph(objects);
  const index = indexGraph(graph, objects, options.health ?? (() => undefined));
  const target = index.nodes.get(targetId);
  if (!target) return undefined;
  const chain: CauseLink[] = [objectLink(target, 'self')];
  const automation = lastChangedBy(targetId, index.objects, graph.edges);
  if (target.ready === 'True')
    return { target: targetId, ready: true, chain, automation, summary: readySummary(target) };
  const visited = new Set([targetId]);
  for (let current = target; ;) {
    const next = nextCause(current, index, visited);
    if (!next) break;
    chain.push(next);
    visited.add(next.id);
    const node = index.nodes.get(next.id);
    if (next.relation === 'workload' || !node) break;
    current = node;
  }
  const cause = chain[chain.length - 1];
  return {
    target: targetId,
    ready: false,
    chain,
    cause,
    automation,
    summary: notReadySummary(target, cause),
  };
}

function indexGraph(graph: DeliveryGraph, objects: readonly GraphInput[], health: HealthLookup): Index {
  const into = new Map<string, string[]>();
  for (const e of graph.edges) {
    const key = `${e.to}|${e.type}`;
    const list = into.get(key);
    if (list) list.push(e.from);
    else into.set(key, [e.from]);
  }
  const byId = new Map<string, GraphInput>();
  for (const o of objects) byId.set(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o);
  return { nodes: new Map(graph.nodes.map((n) => [n.id, n])), objects: byId, into, health };
}

function nextCause(node: GraphNode, index: Index, visited: ReadonlySet<string>): CauseLink | undefined {
  for (const relation of lookOrder(node.reason)) {
    const link =
      relation === 'workload'
        ? failingWorkload(node, index)
        : failingUpstream(node, relation, index, visited);
    if (link) return link;
  }
  return undefined;
}

function failingUpstream(
  node: GraphNode,
  relation: CauseRelation,
  index: Index,
  visited: ReadonlySet<string>,
): CauseLink | undefined {
  const type = EDGE_OF[relation];
  const ids = type ? (index.into.get(`${node.id}|${type}`) ?? []) : [];
  // "dependency 'ns/name' is not ready": the one Flux names comes first.
  const named = /dependency '([^'/]+)\/([^']+)'/.exec(node.message);
  const isNamed = (id: string): boolean => named !== null && id.endsWith(`/${named[1]}/${named[2]}`);
  const ordered = [...ids.filter(isNamed), ...ids.filter((id) => !isNamed(id))];
  for (const id of ordered) {
    const upstream = index.nodes.get(id);
    if (upstream && upstream.ready !== 'True' && !visited.has(id)) return objectLink(upstream, relation);
  }
  return undefined;
}

/** The first unhealthy inventory object: named by a failed health check, else found by its health. */
function failingWorkload(node: GraphNode, index: Index): CauseLink | undefined {
  const applier = index.objects.get(node.id);
  const inventory = applier ? inventoryWorkloads(applier) : [];
  const groupOf = (kind: string, namespace: string, name: string): string | undefined => {
    const entry = inventory.find((w) => w.kind === kind && w.namespace === namespace && w.name === name);
    return entry ? workloadsNodeId(node.id, entry.group, entry.kind) : undefined;
  };
  const link = (
    kind: string,
    namespace: string,
    name: string,
    status: string,
    message: string,
  ): CauseLink => {
    const state = workloadState({ status: status as never, message });
    return {
      id: `${kind}/${namespace}/${name}`,
      kind,
      namespace,
      name,
      relation: 'workload',
      nodeId: groupOf(kind, namespace, name),
      state: state === 'unknown' ? 'failed' : state,
      status,
      reason: status,
      message,
    };
  };
  const [named] = workloadsNamedIn(node.message);
  if (named) {
    const known = index.health(`${named.kind}/${named.namespace}/${named.name}`);
    return link(named.kind, named.namespace, named.name, known?.status ?? named.status, known?.message ?? '');
  }
  const rank = ['Failed', 'NotFound', 'InProgress', 'Terminating'];
  let worst: CauseLink | undefined;
  for (const w of inventory) {
    const known = index.health(`${w.kind}/${w.namespace}/${w.name}`);
    if (!known || !rank.includes(known.status)) continue;
    if (!worst || rank.indexOf(known.status) < rank.indexOf(worst.status))
      worst = link(w.kind, w.namespace, w.name, known.status, known.message);
  }
  return worst;
}

function objectLink(node: GraphNode, relation: CauseRelation): CauseLink {
  return {
    id: node.id,
    kind: node.kind,
    namespace: node.namespace,
    name: node.name,
    relation,
    nodeId: node.id,
    state: node.state,
    status: node.ready,
    reason: node.reason,
    message: node.message,
  };
}

function readySummary(target: GraphNode): string {
  return target.state === 'suspended' ? 'Ready, and suspended' : 'Ready';
}

function notReadySummary(target: GraphNode, cause: CauseLink | undefined): string {
  const suspended = target.state === 'suspended' ? ' (suspended)' : '';
  if (!cause || cause.id === target.id) {
    // Ready=Unknown is Flux's "in progress": nothing has failed (yet).
    const words = target.ready === ('Unknown' satisfies ReadyStatus) ? 'Not Ready yet' : 'Not Ready';
    const detail = [target.reason, target.message].filter(Boolean).join(': ');
    return `${words}${suspended}${detail ? `: ${detail}` : ''}`;
  }
  const where = cause.namespace ? `${cause.namespace}/${cause.name}` : cause.name;
  const detail = cause.message || (cause.relation === 'workload' ? `status '${cause.status}'` : cause.reason);
  return `Not Ready${suspended} because ${cause.kind} ${where}: ${detail || 'not Ready'}`;
}
