import type { DeliveryGraph, EdgeType } from './model.js';
import { STATE_PALETTE } from './state-palette.js';

/**
 * Escapes text for a quoted Mermaid label: cluster strings are attacker input, so every
 * character with meaning to Mermaid or HTML becomes an entity (`#quot;` style). Pure.
 */
export function escapeMermaidLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9 ._/:@-]/g, (ch) => `#${ch.codePointAt(0) ?? 63};`);
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

/**
 * A Mermaid flowchart of the graph. Node ids are `n<index>` (never cluster strings); labels
 * are quoted and escaped; one class per health state. Pure.
 */
export function toMermaid(graph: DeliveryGraph): string {
  const index = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const [state, look] of Object.entries(STATE_PALETTE)) {
    lines.push(`  classDef ${state} fill:${look.fill},stroke:${look.stroke},color:${look.text}`);
  }
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
