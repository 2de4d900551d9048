import type { Mermaid } from 'mermaid';

let loading: Promise<Mermaid> | undefined;
let renders = 0;

/**
 * Loads Mermaid on first use (it is large, and needs the DOM) and configures it once: strict
 * security (labels are cluster data; no click callbacks, sanitised output), SVG text labels,
 * and dagre — measured faster than ELK here and keeping nodes in place when one is added
 * (bench/README.md). Mermaid keeps its configuration globally, so this module does too.
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
        maxTextSize: 400_000,
        maxEdges: 5000,
      });
      performance.mark('tideline:mermaid-loaded');
      return mermaid;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/**
 * Starts loading Mermaid and its flowchart code while the graph's data is on its way, so the
 * first drawing does not wait for them.
 */
export function preloadMermaid(): void {
  void loadMermaid()
    .then((mermaid) => mermaid.parse('flowchart LR\n  a --> b\n'))
    .catch(() => undefined);
}

/** Renders Mermaid text to an SVG string (sanitised by Mermaid under `securityLevel: 'strict'`). */
export async function renderMermaid(text: string): Promise<string> {
  const mermaid = await loadMermaid();
  renders += 1;
  const started = performance.now();
  const { svg } = await mermaid.render(`tideline-graph-${renders}`, text);
  performance.measure('tideline:mermaid-render', { start: started, end: performance.now() });
  return svg;
}
