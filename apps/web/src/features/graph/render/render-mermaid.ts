import type { Mermaid } from 'mermaid';
import { MERMAID_CONFIG } from './mermaid-config';

let loading: Promise<Mermaid> | undefined;
let renders = 0;

/**
 * Loads Mermaid on first use (it is large, and needs the DOM) and configures it once with
 * {@link MERMAID_CONFIG}. Mermaid keeps its configuration globally, so this module does too.
 */
function loadMermaid(): Promise<Mermaid> {
  loading ??= import('mermaid')
    .then(({ default: mermaid }) => {
      mermaid.initialize(MERMAID_CONFIG);
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
