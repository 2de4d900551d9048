import type { NodeState } from './state-palette.js';
import { STATE_SEVERITY, worstState, type ViewEdge, type ViewNode } from './view-model.js';

/**
 * The node budget: Mermaid lays out a graph on the browser's main thread at a few milliseconds
 * per node (bench/README.md), so at most this many nodes are drawn; the rest are summarised as
 * "N more" groups. Measured (bench/results): 60 nodes took 1.3–2 s to lay out with the machine at a
 * load of 8 per CPU, so 50 leaves room for the 2 s first-render goal.
 */
export const DEFAULT_NODE_BUDGET = 50;

/** The budget's bounds, whatever a URL asks for. */
export const MIN_NODE_BUDGET = 10;
export const MAX_NODE_BUDGET = 2000;

/** Edges that say where an object comes from: its group is named after that parent. */
const PARENT_EDGES = new Set<ViewEdge['type']>(['source', 'inventory', 'policy', 'pushes', 'triggers']);

interface Graph {
  nodes: ViewNode[];
  edges: ViewEdge[];
}

/**
 * Which nodes get drawn first: pinned ones (the focus, a root-cause path), then failing, then
 * suspended objects; then the oldest first. Ranking by age rather than by every state keeps the
 * drawn set still while objects go from progressing to ready, and a new object joins a group
 * instead of pushing a drawn one out. Pure.
 */
export function rankNodes(nodes: readonly ViewNode[], pinned: ReadonlySet<string>): ViewNode[] {
  const klass = (n: ViewNode): number =>
    pinned.has(n.id) ? 0 : n.state === 'failed' ? 1 : n.state === 'suspended' ? 2 : 3;
  return [...nodes].sort(
    (a, b) => klass(a) - klass(b) || a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Draws at most `budget` nodes: the best-ranked ones, and the others as "N more" groups — one
 * per kind, namespace and drawn parent (a source's hidden Kustomizations become one node beside
 * it). Pinned nodes are drawn even beyond the budget. Edges are redirected to the groups and
 * deduplicated. Returns how many objects were hidden. Pure.
 */
export function applyBudget(
  graph: Graph,
  budget: number,
  pinned: ReadonlySet<string> = new Set(),
): Graph & { hidden: number } {
  if (graph.nodes.length <= budget) return { ...graph, hidden: 0 };
  const ranked = rankNodes(graph.nodes, pinned);
  const pinnedCount = ranked.filter((n) => pinned.has(n.id)).length;
  let shown = Math.max(budget - 1, pinnedCount);
  let groups = groupHidden(graph, ranked, shown);
  // Groups take room too: give it back from the drawn nodes until both fit.
  for (let i = 0; i < 8 && shown + groups.size > budget && shown > pinnedCount; i++) {
    shown = Math.max(pinnedCount, Math.min(shown - 1, budget - groups.size));
    groups = groupHidden(graph, ranked, shown);
  }
  const visible = ranked.slice(0, shown);
  const rep = new Map<string, string>(visible.map((n) => [n.id, n.id]));
  for (const [groupId, members] of groups) for (const m of members) rep.set(m.id, groupId);
  const nodes = [...visible, ...[...groups].map(([id, members]) => groupNode(id, members))];
  const seen = new Set<string>();
  const edges: ViewEdge[] = [];
  for (const e of graph.edges) {
    const from = rep.get(e.from);
    const to = rep.get(e.to);
    const key = `${from}|${to}|${e.type}`;
    if (!from || !to || from === to || seen.has(key)) continue;
    seen.add(key);
    edges.push({ from, to, type: e.type });
  }
  const hidden = ranked.slice(shown).filter((n) => n.type === 'object').length;
  return { nodes, edges, hidden };
}

/** The hidden nodes (all but the first `shown` of `ranked`) by group id. Pure. */
function groupHidden(graph: Graph, ranked: readonly ViewNode[], shown: number): Map<string, ViewNode[]> {
  const visible = new Set(ranked.slice(0, shown).map((n) => n.id));
  const parentOf = new Map<string, string>();
  for (const e of graph.edges) {
    if (!PARENT_EDGES.has(e.type) || !visible.has(e.from)) continue;
    const known = parentOf.get(e.to);
    if (known === undefined || e.from < known) parentOf.set(e.to, e.from);
  }
  const groups = new Map<string, ViewNode[]>();
  for (const n of ranked.slice(shown)) {
    // An applier's hidden workloads make one group whatever their kinds; objects one per kind.
    const id =
      n.type === 'workloads'
        ? `more:workloads:${n.applier ?? ''}`
        : `more:objects:${n.kind}:${n.namespace}:${parentOf.get(n.id) ?? ''}`;
    const list = groups.get(id);
    if (list) list.push(n);
    else groups.set(id, [n]);
  }
  return groups;
}

function groupNode(id: string, members: readonly ViewNode[]): ViewNode {
  const states: Partial<Record<NodeState, number>> = {};
  for (const m of members) {
    for (const [state, count] of Object.entries(m.states ?? { [m.state]: 1 }) as [NodeState, number][])
      states[state] = (states[state] ?? 0) + count;
  }
  const first = members[0];
  const namespaces = new Set(members.map((m) => m.namespace));
  const kinds = new Set(members.map((m) => m.kind));
  return {
    id,
    type: 'more',
    kind: kinds.size === 1 ? (first?.kind ?? '') : 'objects',
    ...(first?.applier ? { applier: first.applier } : {}),
    namespace: namespaces.size === 1 ? (first?.namespace ?? '') : '',
    name: '',
    state: worstState(STATE_SEVERITY.filter((s) => (states[s] ?? 0) > 0)),
    count: members.reduce((sum, m) => sum + m.count, 0),
    states,
    order: Math.min(...members.map((m) => m.order)),
  };
}
