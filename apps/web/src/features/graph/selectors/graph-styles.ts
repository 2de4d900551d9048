import { NODE_STATES, stateLook } from '@tideline/core/browser';

/** Shapes Mermaid draws a flowchart node with. */
const SHAPES = ':is(rect.label-container, polygon, path.basic, circle)';

/**
 * The drawn graph's stylesheet, from the one state palette: node colours by `data-state`, dashed
 * "N more" groups, the root-cause path by `data-path`, and a one-off pulse. Every rule is scoped
 * to `scope` and marked important, because Mermaid's own rules are scoped to its SVG's id. Pure.
 */
export function graphStyles(scope: string): string {
  const rules: string[] = [];
  for (const state of NODE_STATES) {
    const look = stateLook(state);
    rules.push(
      `${scope} g.node[data-state="${state}"] ${SHAPES} { fill: ${look.fill} !important; stroke: ${look.stroke} !important; }`,
      `${scope} g.node[data-state="${state}"] :is(text, tspan) { fill: ${look.text} !important; }`,
    );
  }
  const failed = stateLook('failed').stroke;
  rules.push(
    `${scope} g.node.more ${SHAPES} { stroke-dasharray: 5 3 !important; }`,
    `${scope} g.node.workloads ${SHAPES} { rx: 12px; ry: 12px; }`,
    `${scope} g.node[data-path] ${SHAPES} { stroke-width: 3px !important; }`,
    `${scope} g.node[data-path="cause"] ${SHAPES} { stroke-width: 5px !important; stroke: ${failed} !important; }`,
    `${scope} g.node[data-path="automation"] ${SHAPES} { stroke-dasharray: 2 2 !important; }`,
    `${scope} path.tl-path-edge { stroke: ${failed} !important; stroke-width: 3px !important; }`,
    `${scope} g.node[data-state="progressing"] { animation: tideline-pulse 1.5s ease-in-out infinite; }`,
    `${scope} g.node.tl-pulse { animation: tideline-changed 1.2s ease-out 1; }`,
    `${scope} g.node[data-focus] ${SHAPES} { stroke-width: 4px !important; }`,
    `@media (prefers-reduced-motion: reduce) { ${scope} g.node { animation: none !important; } }`,
    '@keyframes tideline-changed { 0% { opacity: 0.25; } 100% { opacity: 1; } }',
  );
  return rules.join('\n');
}
