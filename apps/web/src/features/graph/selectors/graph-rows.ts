import type { GraphDto, GraphEdgeDto, GraphNodeDto } from '@tideline/server';

/** An edge as the accessible edge list shows it. */
export interface EdgeRow {
  key: string;
  /** `namespace/name → namespace/name`. */
  text: string;
  /** `Kind → Kind`, telling apart objects that share a namespace and name. */
  kinds: string;
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
        text: `${nodeName(from)} → ${nodeName(to)}`,
        kinds: `${from.kind} → ${to.kind}`,
        type: edge.type,
      },
    ];
  });
}
