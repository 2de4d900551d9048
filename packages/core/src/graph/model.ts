import { parseInventoryEntry } from '../kube/inventory.js';

/** Health of a node, as the dashboard colours it. */
export type NodeState = 'ready' | 'failed' | 'progressing' | 'suspended' | 'unknown';

/** A Flux object in the graph. */
export interface GraphNode {
  /** `<Kind>/<namespace>/<name>`. */
  id: string;
  kind: string;
  namespace: string;
  name: string;
  state: NodeState;
}

/** Why two nodes are joined. */
export type EdgeType = 'source' | 'dependsOn' | 'inventory';

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
export interface GraphInput {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: {
    suspend?: boolean;
    sourceRef?: { kind: string; name: string; namespace?: string };
    dependsOn?: { name: string; namespace?: string }[];
  };
  status?: {
    conditions?: { type: string; status: string; reason?: string }[];
    inventory?: { entries: { id: string; v: string }[] };
  };
}

/** The id of a node. Pure. */
export function nodeId(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

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
  if (ready?.status === 'True') return 'ready';
  if (ready?.status === 'False') return 'failed';
  return ready ? 'progressing' : 'unknown';
}

const FLUX_GROUP = /\.toolkit\.fluxcd\.io$/;

/**
 * Builds the graph: source → Kustomization (`sourceRef`), dependency → dependent (`dependsOn`),
 * and Kustomization → the Flux objects in its inventory (so `flux-system` → `apps`). Edges to
 * objects that do not exist are dropped; node order is stable (sorted by id). Pure.
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
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string, type: EdgeType): void => {
    const key = `${from}|${to}|${type}`;
    if (from === to || !ids.has(from) || !ids.has(to) || seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to, type });
  };
  for (const o of objects) {
    const namespace = o.metadata.namespace ?? '';
    const self = nodeId(o.kind, namespace, o.metadata.name);
    const src = o.spec?.sourceRef;
    if (src) add(nodeId(src.kind, src.namespace ?? namespace, src.name), self, 'source');
    for (const dep of o.spec?.dependsOn ?? [])
      add(nodeId(o.kind, dep.namespace ?? namespace, dep.name), self, 'dependsOn');
    for (const entry of o.status?.inventory?.entries ?? []) {
      try {
        const id = parseInventoryEntry(entry);
        if (FLUX_GROUP.test(id.group)) add(self, nodeId(id.kind, id.namespace, id.name), 'inventory');
      } catch {
        // A malformed entry is not an edge.
      }
    }
  }
  edges.sort((a, b) => `${a.from}|${a.to}|${a.type}`.localeCompare(`${b.from}|${b.to}|${b.type}`));
  return { nodes, edges };
}
