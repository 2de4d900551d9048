import type { EdgeType } from '../api/kind-definition.js';
import type { DeliveryGraph, GraphNode } from './model.js';
import type { NodeState } from './state-palette.js';

/**
 * What the dashboard draws: the delivery graph after expansion (workloads), scoping (filters,
 * focus) and the node budget (groups of "N more"). Every node says what it stands for, so the
 * drawing, the accessible list and the root-cause highlight read the same data.
 */

/** `object`: one Flux object; `workloads`: an applier's inventory objects of one kind; `more`: hidden objects. */
export type ViewNodeType = 'object' | 'workloads' | 'more';

/** One node of the drawn graph. */
export interface ViewNode {
  /** An object's `<Kind>/<namespace>/<name>`; `<applier id>#<group>/<Kind>` for workloads; `more:…` for groups. */
  id: string;
  type: ViewNodeType;
  /** The object's kind, the workloads' kind, or the kind of the hidden objects. */
  kind: string;
  /** The object's namespace, the applier's, or the hidden objects' ('' when they span several). */
  namespace: string;
  /** The object's name; '' for groups. */
  name: string;
  state: NodeState;
  /** How many objects the node stands for (1 for an object). */
  count: number;
  /** How many of them are in each state (groups only). */
  states?: Partial<Record<NodeState, number>>;
  /** The Ready reason and message (objects), or the worst member's kstatus message (workloads). */
  reason?: string;
  message?: string;
  /** The applier whose inventory a workloads node groups. */
  applier?: string;
  /** The first objects of a workloads node, with their health (at most {@link MAX_LISTED_MEMBERS}). */
  members?: WorkloadMember[];
  /** Draw order (creation time, ms): new objects go last, so the ones drawn before keep their places. */
  order: number;
}

/** One object of an applier's inventory, as a workloads node lists it. */
export interface WorkloadMember {
  /** `<Kind>/<namespace>/<name>` (`<Kind>//<name>` when cluster-scoped). */
  id: string;
  namespace: string;
  name: string;
  state: NodeState;
  /** kstatus' status (`Current`, `InProgress`, `Failed`, …) and message, when known. */
  status?: string;
  message?: string;
}

/** How many members a workloads node lists by name. */
export const MAX_LISTED_MEMBERS = 50;

/** One edge of the drawn graph, between two {@link ViewNode} ids. */
export interface ViewEdge {
  from: string;
  to: string;
  type: EdgeType;
}

/** The drawn graph and what it left out. */
export interface GraphView {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Flux objects in scope (after filters and focus), drawn or not. */
  objects: number;
  /** Flux objects in scope hidden in "N more" groups. */
  hidden: number;
}

/** Health order, worst first: what a group shows when its members differ. */
export const STATE_SEVERITY: readonly NodeState[] = [
  'failed',
  'progressing',
  'suspended',
  'unknown',
  'ready',
];

/** The worst of some states (`ready` for none). Pure. */
export function worstState(states: Iterable<NodeState>): NodeState {
  let worst = STATE_SEVERITY.length - 1;
  for (const state of states) worst = Math.min(worst, STATE_SEVERITY.indexOf(state));
  return STATE_SEVERITY[worst] ?? 'ready';
}

/** Counts per state. Pure. */
export function countStates(states: Iterable<NodeState>): Partial<Record<NodeState, number>> {
  const counts: Partial<Record<NodeState, number>> = {};
  for (const state of states) counts[state] = (counts[state] ?? 0) + 1;
  return counts;
}

/** The view node of a Flux object. Pure. */
export function objectViewNode(node: GraphNode): ViewNode {
  return {
    id: node.id,
    type: 'object',
    kind: node.kind,
    namespace: node.namespace,
    name: node.name,
    state: node.state,
    count: 1,
    reason: node.reason,
    message: node.message,
    order: node.created,
  };
}

/** The delivery graph as view nodes and edges, before expansion, scoping and budget. Pure. */
export function toViewGraph(graph: DeliveryGraph): { nodes: ViewNode[]; edges: ViewEdge[] } {
  return { nodes: graph.nodes.map(objectViewNode), edges: graph.edges.map((e) => ({ ...e })) };
}
