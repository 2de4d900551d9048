import type { ViewEdge, ViewNode } from './view-model.js';

/** What part of the graph to draw: filters, and a focus ± hops. Absent fields mean "all". */
export interface GraphScope {
  /** Only objects in these namespaces. */
  namespaces?: readonly string[];
  /** Only objects of these kinds (workloads follow their applier). */
  kinds?: readonly string[];
  /** The object to narrow the graph to (`<Kind>/<namespace>/<name>`). */
  focus?: string;
  /** How far from the focus to go, upstream and downstream (default {@link DEFAULT_HOPS}). */
  hops?: number;
  /** Nodes kept whatever the filters and focus say (a root-cause path). */
  keep?: readonly string[];
}

/** The default distance around a focused object. */
export const DEFAULT_HOPS = 2;

interface Graph {
  nodes: ViewNode[];
  edges: ViewEdge[];
}

/**
 * The graph narrowed to a scope. Filters keep objects of the given namespaces and kinds (the
 * focused and kept objects always stay); workloads stay with their applier. A focus keeps what feeds
 * the object within `hops` edges upstream and what it feeds within `hops` downstream — its
 * delivery chain, not its siblings (a source shared by a thousand Kustomizations does not pull
 * them all in). Edges whose ends are gone go too. Pure.
 */
export function scopeGraph(graph: Graph, scope: GraphScope): Graph {
  const namespaces = scope.namespaces?.length ? new Set(scope.namespaces) : undefined;
  const kinds = scope.kinds?.length ? new Set(scope.kinds) : undefined;
  const keep = new Set([...(scope.keep ?? []), ...(scope.focus ? [scope.focus] : [])]);
  const keptObject = (n: ViewNode): boolean =>
    keep.has(n.id) ||
    ((!namespaces || namespaces.has(n.namespace)) && (!kinds || n.type !== 'object' || kinds.has(n.kind)));
  let nodes = graph.nodes.filter(keptObject);
  const objectIds = new Set(nodes.filter((n) => n.type !== 'workloads').map((n) => n.id));
  nodes = nodes.filter(
    (n) => n.type !== 'workloads' || (n.applier !== undefined && objectIds.has(n.applier)),
  );
  let ids = new Set(nodes.map((n) => n.id));
  let edges = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  if (scope.focus && ids.has(scope.focus)) {
    const hops = Math.max(0, scope.hops ?? DEFAULT_HOPS);
    const near = new Set([
      ...reach(edges, scope.focus, hops, 'down'),
      ...reach(edges, scope.focus, hops, 'up'),
      ...[...keep].filter((id) => ids.has(id)),
    ]);
    nodes = nodes.filter((n) => near.has(n.id));
    ids = near;
    edges = edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  }
  return { nodes, edges };
}

/** Ids within `hops` edges of `start`, following edges forwards (`down`) or backwards (`up`). Pure. */
export function reach(
  edges: readonly ViewEdge[],
  start: string,
  hops: number,
  way: 'up' | 'down',
): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const [from, to] = way === 'down' ? [e.from, e.to] : [e.to, e.from];
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  }
  const seen = new Set([start]);
  let frontier = [start];
  for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
    const following: string[] = [];
    for (const id of frontier) {
      for (const to of next.get(id) ?? []) {
        if (seen.has(to)) continue;
        seen.add(to);
        following.push(to);
      }
    }
    frontier = following;
  }
  return seen;
}
