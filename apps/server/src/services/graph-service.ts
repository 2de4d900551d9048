import {
  buildDeliveryGraph,
  buildGraphView,
  clampBudget,
  explainNotReady,
  kindDefinition,
  mermaidIds,
  toMermaid,
  type DeliveryGraph,
  type GraphInput,
  type RootCause,
  type ViewNode,
} from '@tideline/core';
import type { GraphDto, GraphNodeDto } from '../api/dto.js';
import type { InventoryHealth } from './inventory-health.js';
import type { GraphQuery, GraphService } from './types.js';
import type { CacheView } from './visibility.js';

/** How the accessible list names a node. Pure. */
export function nodeLabel(node: ViewNode): string {
  switch (node.type) {
    case 'object':
      return `${node.kind} ${node.namespace}/${node.name}`;
    case 'workloads':
      return `${node.kind} ×${node.count}`;
    case 'more':
      return `${node.kind} ×${node.count} more${node.namespace ? ` in ${node.namespace}` : ''}`;
  }
}

function toNodeDto(node: ViewNode, mermaidId: string): GraphNodeDto {
  const { order: _order, ...rest } = node;
  return { ...rest, label: nodeLabel(node), mermaidId };
}

/** The graph nodes a root-cause path goes through, and the automation beside it. Pure. */
export function pathNodeIds(explanation: RootCause | undefined): string[] {
  if (!explanation || explanation.ready) return [];
  const ids = explanation.chain.flatMap((link) => (link.nodeId ? [link.nodeId] : []));
  return explanation.automation ? [...ids, explanation.automation.id] : ids;
}

/** Appliers in a chain whose inventory may hold the cause (the walk looks there for workloads). */
function appliersToCheck(explanation: RootCause, objects: ReadonlyMap<string, GraphInput>): GraphInput[] {
  return explanation.chain.flatMap((link) => {
    const obj = objects.get(link.id);
    return obj && kindDefinition(obj.kind)?.traits.inventory ? [obj] : [];
  });
}

/**
 * The delivery graph and root causes, from the watch cache. Inventory health is looked up on
 * demand for the appliers a request expands (its focus, `expand`, or all of them with
 * `workloads: 'all'`, bounded by {@link InventoryHealth}) and for the appliers on a root-cause path.
 */
export function createGraphService(cache: Pick<CacheView, 'objects'>, health: InventoryHealth): GraphService {
  const snapshot = (): { objects: GraphInput[]; byId: Map<string, GraphInput>; graph: DeliveryGraph } => {
    const objects = cache.objects() as GraphInput[];
    const byId = new Map(
      objects.map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]),
    );
    return { objects, byId, graph: buildDeliveryGraph(objects) };
  };

  const explainIn = async (
    id: string,
    { objects, byId, graph }: ReturnType<typeof snapshot>,
  ): Promise<RootCause | undefined> => {
    const first = explainNotReady(id, objects, { graph });
    if (!first || first.ready) return first;
    const appliers = appliersToCheck(first, byId);
    if (appliers.length === 0) return first;
    return explainNotReady(id, objects, { graph, health: await health.lookup(appliers) });
  };

  const get = async (query: GraphQuery): Promise<GraphDto> => {
    const world = snapshot();
    const explanation = query.explain ? await explainIn(query.explain, world) : undefined;
    const pinned = pathNodeIds(explanation);
    const expand = new Set([...(query.expand ?? []), ...(query.focus ? [query.focus] : [])]);
    // A workload on the path is drawn in its applier's workloads node.
    for (const link of explanation?.chain ?? [])
      if (link.relation === 'workload' && link.nodeId) expand.add(link.nodeId.split('#')[0] ?? '');
    const appliers = world.objects.filter(
      (o) =>
        kindDefinition(o.kind)?.traits.inventory &&
        (query.workloads === 'all' ||
          expand.has(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)),
    );
    const lookup = appliers.length > 0 ? await health.lookup(appliers) : undefined;
    const view = buildGraphView(
      world.objects,
      {
        namespaces: query.namespaces,
        kinds: query.kinds,
        focus: query.focus,
        hops: query.hops,
        budget: query.budget,
        expand: query.workloads === 'all' ? 'all' : expand,
        health: lookup,
        pinned,
      },
      world.graph,
    );
    const ids = mermaidIds(view.nodes.map((n) => n.id));
    return {
      nodes: view.nodes.map((n) => toNodeDto(n, ids.get(n.id) ?? '')),
      edges: view.edges,
      mermaid: toMermaid(view, ids),
      objects: view.objects,
      hidden: view.hidden,
      budget: clampBudget(query.budget),
      ...(explanation ? { explanation } : {}),
    };
  };

  return { get, explain: (id) => explainIn(id, snapshot()) };
}
