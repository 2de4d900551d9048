/**
 * How Mermaid names what it draws: a node's `<g>` is `[<diagramId>-]flowchart-<mermaidId>-<n>`,
 * an edge's `<path>` carries `data-id="L_<from>_<to>_<n>"`. The server's Mermaid ids are `n`
 * and base-36 digits (no `_` or `-`), so both parse unambiguously.
 */
const NODE_DOM_ID = /(?:^|-)flowchart-(n[0-9a-z]+)-\d+$/;
const EDGE_DATA_ID = /^L_(n[0-9a-z]+)_(n[0-9a-z]+)_\d+$/;

/** The Mermaid id of the node whose `<g>` has `domId`, or undefined. Pure. */
export function mermaidIdFromDomId(domId: string): string | undefined {
  return NODE_DOM_ID.exec(domId)?.[1];
}

/** The Mermaid ids an edge joins, from its `data-id`, or undefined. Pure. */
export function edgeEndsFromDataId(dataId: string): [string, string] | undefined {
  const match = EDGE_DATA_ID.exec(dataId);
  return match?.[1] && match[2] ? [match[1], match[2]] : undefined;
}
