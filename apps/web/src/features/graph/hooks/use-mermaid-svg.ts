import { useEffect, useState } from 'react';
import { renderMermaid } from '../render/render-mermaid';

/** The rendered SVG and the text it was rendered from, or why rendering failed. */
export interface MermaidResult {
  svg?: string;
  /** The Mermaid text `svg` shows; differs from the requested text while a new layout runs. */
  renderedText?: string;
  /** How many layouts this hook has made: a state change must not add one. */
  layouts: number;
  /** How long the last layout took, in ms. */
  layoutMs?: number;
  error?: string;
}

/**
 * Lays `text` out with Mermaid in the browser, again only when `text` changes — it holds the
 * graph's structure, not its states, so a status change never costs a layout.
 */
export function useMermaidSvg(text: string): MermaidResult {
  const [result, setResult] = useState<MermaidResult>({ layouts: 0 });
  useEffect(() => {
    let cancelled = false;
    const started = performance.now();
    renderMermaid(text).then(
      (svg) => {
        if (cancelled) return;
        setResult((previous) => ({
          svg,
          renderedText: text,
          layouts: previous.layouts + 1,
          layoutMs: Math.round(performance.now() - started),
        }));
      },
      (error: unknown) => {
        if (cancelled) return;
        setResult((previous) => ({
          ...previous,
          error: error instanceof Error ? error.message : String(error),
        }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [text]);
  return result;
}
