import type { EdgeType } from './model.js';
import type { GraphView, ViewNode } from './view-model.js';

/**
 * Escapes text for a quoted Mermaid label: cluster strings are attacker input, so every
 * character with meaning to Mermaid or HTML becomes an entity (`#quot;` style). `×` (our own
 * "Deployment ×3") passes as it is: it means nothing to either, and with SVG text labels
 * Mermaid shows an entity as its source text ("&#215;"). Pure.
 */
export function escapeMermaidLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9 ._/:@×-]/g, (ch) => `#${ch.codePointAt(0) ?? 63};`);
}

const ARROWS: Record<EdgeType, string> = {
  source: '-->',
  dependsOn: '-.->',
  inventory: '==>',
  policy: '-->',
  pushes: '-.->',
  notifies: '-.->',
  triggers: '-.->',
};

/** FNV-1a over UTF-16 code units, as an unsigned 32-bit number. Pure. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A Mermaid id per node: `n` and a hash of the node id in base 36, so the id of an object is
 * the same in every rendering (the dashboard finds nodes by it to restyle them in place) and
 * never carries cluster text. Collisions get a suffix, in node id order. Pure.
 */
export function mermaidIds(nodeIds: Iterable<string>): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of [...nodeIds].sort()) {
    const base = `n${fnv1a(id).toString(36)}`;
    let mid = base;
    for (let k = 1; taken.has(mid); k++) mid = `${base}x${k}`;
    taken.add(mid);
    ids.set(id, mid);
  }
  return ids;
}

/** The lines of a node's label, plain text (escaped when emitted). Pure. */
export function labelLines(node: ViewNode): string[] {
  switch (node.type) {
    case 'object':
      return [node.kind, `${node.namespace}/${node.name}`];
    case 'workloads':
      return [`${node.kind} ×${node.count}`];
    case 'more':
      return [`${node.kind} ×${node.count} more`, node.namespace || 'several namespaces'];
  }
}

/**
 * Draw order: objects and workloads oldest first (a new object goes last, so the others keep
 * their places), then the "N more" groups, by id. Pure.
 */
function byOrder(a: ViewNode, b: ViewNode): number {
  const group = Number(a.type === 'more') - Number(b.type === 'more');
  return group || a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A Mermaid flowchart of a view: structure only. Node ids come from {@link mermaidIds}; labels
 * are quoted and escaped; a class per node type (groups are drawn dashed); groups come last. Health is not in
 * the text: the dashboard colours nodes on the drawn SVG, so a change of state restyles nodes
 * without a new layout, and the text changes only when the structure does. Pure.
 */
export function toMermaid(
  view: Pick<GraphView, 'nodes' | 'edges'>,
  ids = mermaidIds(view.nodes.map((n) => n.id)),
): string {
  const lines = ['flowchart LR'];
  const nodes = [...view.nodes].sort(byOrder);
  const rank = new Map(nodes.map((n, i) => [n.id, i]));
  for (const n of nodes) {
    const label = labelLines(n).map(escapeMermaidLabel).join('<br/>');
    lines.push(`  ${ids.get(n.id)}["${label}"]:::${n.type}`);
  }
  const edges = view.edges
    .filter((e) => rank.has(e.from) && rank.has(e.to))
    .sort(
      (a, b) =>
        (rank.get(a.from) ?? 0) - (rank.get(b.from) ?? 0) ||
        (rank.get(a.to) ?? 0) - (rank.get(b.to) ?? 0) ||
        (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
    );
  for (const e of edges) lines.push(`  ${ids.get(e.from)} ${ARROWS[e.type]} ${ids.get(e.to)}`);
  return `${lines.join('\n')}\n`;
}
