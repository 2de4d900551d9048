import { useEffect, useState } from 'react';
import { renderMermaid } from '../render/render-mermaid';

/** The rendered SVG and the text it was rendered from, or why rendering failed. */
export interface MermaidResult {
  svg?: string;
  /** The Mermaid text `svg` shows; differs from the requested text while a re-render runs. */
  renderedText?: string;
  error?: string;
}

/** Renders `text` with Mermaid in the browser, again whenever `text` changes. */
export function useMermaidSvg(text: string): MermaidResult {
  const [result, setResult] = useState<MermaidResult>({});
  useEffect(() => {
    let cancelled = false;
    renderMermaid(text).then(
      (svg) => {
        if (!cancelled) setResult({ svg, renderedText: text });
      },
      (error: unknown) => {
        if (!cancelled)
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
