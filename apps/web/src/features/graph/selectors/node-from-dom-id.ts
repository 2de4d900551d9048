/**
 * Mermaid names a flowchart node's `<g>` `[<diagramId>-]flowchart-<nodeId>-<counter>`, and the
 * server names nodes `n<index>` in the order of `GraphDto.nodes`.
 */
const NODE_DOM_ID = /(?:^|-)flowchart-n(\d+)-\d+$/;

/** The index into `GraphDto.nodes` of the node whose element has `domId`, or undefined. Pure. */
export function nodeIndexFromDomId(domId: string): number | undefined {
  const match = NODE_DOM_ID.exec(domId);
  if (!match?.[1]) return undefined;
  const index = Number(match[1]);
  return Number.isSafeInteger(index) ? index : undefined;
}
