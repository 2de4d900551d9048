import type { Mermaid } from 'mermaid';

let loading: Promise<Mermaid> | undefined;
let renders = 0;

/**
 * Loads Mermaid on first use (it is large, and needs the DOM) and configures it once: strict
 * security (labels are cluster data; no click callbacks, sanitised output) and SVG text labels.
 * Mermaid keeps its configuration globally, so this module does too.
 */
function loadMermaid(): Promise<Mermaid> {
  loading ??= import('mermaid')
    .then(({ default: mermaid }) => {
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        htmlLabels: false,
        // Wide enough that `namespace/name` lines are not broken mid-word.
        flowchart: { htmlLabels: false, wrappingWidth: 400 },
        maxTextSize: 200_000,
        maxEdges: 2000,
      });
      return mermaid;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/** Renders Mermaid text to an SVG string (sanitised by Mermaid under `securityLevel: 'strict'`). */
export async function renderMermaid(text: string): Promise<string> {
  const mermaid = await loadMermaid();
  renders += 1;
  const { svg } = await mermaid.render(`tideline-graph-${renders}`, text);
  return svg;
}
