import { stateLook } from '@tideline/core/browser';
import type { GraphDto, GraphEdgeDto, GraphNodeDto } from '@tideline/server';

/** An edge as the accessible edge list shows it. */
export interface EdgeRow {
  key: string;
  /** `Kind namespace/name → Kind namespace/name` (groups and workloads by their labels). */
  text: string;
  type: GraphEdgeDto['type'];
}

/** What each edge type means, in words (the kind registry's table). */
export { EDGE_TYPE_LABELS } from '@tideline/core/browser';

/** `namespace/name` of a node. Pure. */
export function nodeName(node: Pick<GraphNodeDto, 'namespace' | 'name'>): string {
  return `${node.namespace}/${node.name}`;
}

/** The graph's edges as list rows, skipping edges whose ends are not nodes. Pure. */
export function edgeRows(graph: Pick<GraphDto, 'nodes' | 'edges'>): EdgeRow[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return graph.edges.flatMap((edge, index) => {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) return [];
    return [
      {
        key: `${index}:${edge.from}:${edge.to}:${edge.type}`,
        text: `${from.label} → ${to.label}`,
        type: edge.type,
      },
    ];
  });
}

/** "2 failed, 940 ready": a group's members by state, worst first. Pure. */
export function stateCounts(states: GraphNodeDto['states']): string {
  const order = ['failed', 'progressing', 'suspended', 'unknown', 'ready'] as const;
  return order
    .filter((state) => (states?.[state] ?? 0) > 0)
    .map((state) => `${states?.[state]} ${stateLook(state).label.toLowerCase()}`)
    .join(', ');
}

/** The overview list of a group's objects (its kind and namespace), for "N more" nodes. Pure. */
export function groupListHref(node: Pick<GraphNodeDto, 'kind' | 'namespace'>): string {
  const search = new URLSearchParams();
  search.set('kind', node.kind);
  if (node.namespace) search.set('namespace', node.namespace);
  return `/?${search.toString()}`;
}
