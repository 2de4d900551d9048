import type { EdgeType, FluxObjectView, GraphWorld, KindObjectRef } from '../api/kind-definition.js';
import { kindDefinition } from '../api/registry.js';
import type { NodeState } from './state-palette.js';

export type { EdgeType } from '../api/kind-definition.js';
export type { NodeState } from './state-palette.js';

/** A Flux object in the graph. */
export interface GraphNode {
  /** `<Kind>/<namespace>/<name>`. */
  id: string;
  kind: string;
  namespace: string;
  name: string;
  state: NodeState;
}

/** A directed edge: `from` feeds, is depended on by, or contains `to`. */
export interface GraphEdge {
  from: string;
  to: string;
  type: EdgeType;
}

/** The delivery graph. */
export interface DeliveryGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The fields of a Flux object the graph reads. */
export interface GraphInput extends FluxObjectView {
  spec?: { suspend?: boolean; [field: string]: unknown };
  status?: { conditions?: { type: string; status: string; reason?: string }[]; [field: string]: unknown };
}

/** The id of a node. Pure. */
export function nodeId(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

const idOf = (ref: KindObjectRef): string => nodeId(ref.kind, ref.namespace, ref.name);

/** ready / failed / progressing / suspended / unknown from spec.suspend and conditions. Pure. */
export function nodeState(obj: GraphInput): NodeState {
  if (obj.spec?.suspend) return 'suspended';
  const conditions = obj.status?.conditions ?? [];
  if (
    conditions.some((c) => c.type === 'Reconciling' && c.status === 'True') &&
    !conditions.some((c) => c.type === 'Ready' && c.status === 'False')
  ) {
    return 'progressing';
  }
  const ready = conditions.find((c) => c.type === 'Ready');
  // Alert and Provider have no status in Flux: `flux get` prints them Ready, and so does the graph.
  if (!ready && kindDefinition(obj.kind)?.cli.staticReady?.ready === 'True') return 'ready';
  if (ready?.status === 'True') return 'ready';
  if (ready?.status === 'False') return 'failed';
  return ready ? 'progressing' : 'unknown';
}

/**
 * Builds the graph from the edges each kind's registry entry contributes (sources, `dependsOn`,
 * inventories, image policies, alerts, …). Edges to objects that do not exist are dropped;
 * node and edge order is stable (sorted). Pure.
 */
export function buildDeliveryGraph(objects: readonly GraphInput[]): DeliveryGraph {
  const nodes = objects
    .map((o) => {
      const namespace = o.metadata.namespace ?? '';
      return {
        id: nodeId(o.kind, namespace, o.metadata.name),
        kind: o.kind,
        namespace,
        name: o.metadata.name,
        state: nodeState(o),
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = new Set(nodes.map((n) => n.id));
  const byKind = new Map<string, GraphInput[]>();
  for (const o of objects) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);
  const world: GraphWorld = { list: (kind) => byKind.get(kind) ?? [] };
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    for (const edge of kindDefinition(o.kind)?.edges(o, world) ?? []) {
      const from = idOf(edge.from);
      const to = idOf(edge.to);
      const key = `${from}|${to}|${edge.type}`;
      if (from === to || !ids.has(from) || !ids.has(to) || seen.has(key)) continue;
      seen.add(key);
      edges.push({ from, to, type: edge.type });
    }
  }
  edges.sort((a, b) => `${a.from}|${a.to}|${a.type}`.localeCompare(`${b.from}|${b.to}|${b.type}`));
  return { nodes, edges };
}
