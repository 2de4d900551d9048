import type { DeliveryGraph, EdgeType, NodeState } from './model.js';

/**
 * Escapes text for a quoted Mermaid label: cluster strings are attacker input, so every
 * character with meaning to Mermaid or HTML becomes an entity (`#quot;` style). Pure.
 */
export function escapeMermaidLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9 ._/:@-]/g, (ch) => `#${ch.codePointAt(0) ?? 63};`);
}

const CLASS_DEFS: Record<NodeState, string> = {
  ready: 'fill:#dcfce7,stroke:#16a34a,color:#14532d',
  failed: 'fill:#fee2e2,stroke:#dc2626,color:#7f1d1d',
  progressing: 'fill:#dbeafe,stroke:#2563eb,color:#1e3a8a',
  suspended: 'fill:#fef3c7,stroke:#d97706,color:#78350f',
  unknown: 'fill:#f3f4f6,stroke:#6b7280,color:#111827',
};

const ARROWS: Record<EdgeType, string> = { source: '-->', dependsOn: '-.->', inventory: '==>' };

/**
 * A Mermaid flowchart of the graph. Node ids are `n<index>` (never cluster strings); labels
 * are quoted and escaped; one class per health state. Pure.
 */
export function toMermaid(graph: DeliveryGraph): string {
  const index = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const [state, style] of Object.entries(CLASS_DEFS)) lines.push(`  classDef ${state} ${style}`);
  graph.nodes.forEach((n, i) => {
    const label = `${escapeMermaidLabel(n.kind)}<br/>${escapeMermaidLabel(`${n.namespace}/${n.name}`)}`;
    lines.push(`  n${i}["${label}"]:::${n.state}`);
  });
  for (const e of graph.edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from && to) lines.push(`  ${from} ${ARROWS[e.type]} ${to}`);
  }
  return `${lines.join('\n')}\n`;
}
