import { kindDefinition } from '../api/registry.js';
import { applyBudget, DEFAULT_NODE_BUDGET, MAX_NODE_BUDGET, MIN_NODE_BUDGET } from './budget.js';
import { buildDeliveryGraph, nodeId, type DeliveryGraph, type GraphInput } from './model.js';
import { scopeGraph, type GraphScope } from './scope.js';
import { toViewGraph, type GraphView, type ViewEdge, type ViewNode } from './view-model.js';
import { workloadGroups, type HealthLookup } from './workloads.js';

/** How to draw the delivery graph. */
export interface ViewOptions extends GraphScope {
  /** At most this many nodes (default {@link DEFAULT_NODE_BUDGET}, clamped to its bounds). */
  budget?: number;
  /** Appliers whose inventory is drawn as workloads (`all`: every one); the focus always is. */
  expand?: ReadonlySet<string> | 'all';
  /** The health of inventory objects, where known. */
  health?: HealthLookup;
  /** Nodes drawn whatever the budget, filters and focus (a root-cause path). */
  pinned?: readonly string[];
}

/** The budget a request gets: a whole number within the bounds. Pure. */
export function clampBudget(budget: number | undefined): number {
  if (budget === undefined || !Number.isFinite(budget)) return DEFAULT_NODE_BUDGET;
  return Math.min(MAX_NODE_BUDGET, Math.max(MIN_NODE_BUDGET, Math.round(budget)));
}

/**
 * What the dashboard draws, from the cluster's Flux objects: the delivery graph, expanded
 * appliers' workloads, narrowed to the scope, within the node budget. Pure.
 */
export function buildGraphView(
  objects: readonly GraphInput[],
  options: ViewOptions = {},
  graph: DeliveryGraph = buildDeliveryGraph(objects),
): GraphView {
  const base = toViewGraph(graph);
  const expanded = expandWorkloads(objects, options);
  const scoped = scopeGraph(
    { nodes: [...base.nodes, ...expanded.nodes], edges: [...base.edges, ...expanded.edges] },
    { ...options, keep: [...(options.keep ?? []), ...(options.pinned ?? [])] },
  );
  const pinned = new Set([...(options.pinned ?? []), ...(options.focus ? [options.focus] : [])]);
  const drawn = applyBudget(scoped, clampBudget(options.budget), pinned);
  return {
    nodes: drawn.nodes,
    edges: drawn.edges,
    objects: scoped.nodes.filter((n) => n.type === 'object').length,
    hidden: drawn.hidden,
  };
}

function expandWorkloads(
  objects: readonly GraphInput[],
  options: ViewOptions,
): { nodes: ViewNode[]; edges: ViewEdge[] } {
  const nodes: ViewNode[] = [];
  const edges: ViewEdge[] = [];
  for (const obj of objects) {
    if (!kindDefinition(obj.kind)?.traits.inventory) continue;
    const id = nodeId(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name);
    if (options.expand !== 'all' && !options.expand?.has(id) && options.focus !== id) continue;
    const groups = workloadGroups(obj, options.health);
    nodes.push(...groups.nodes);
    edges.push(...groups.edges);
  }
  return { nodes, edges };
}
