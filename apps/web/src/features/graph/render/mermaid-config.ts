import type { MermaidConfig } from 'mermaid';

/**
 * How Mermaid is configured, once. Labels are cluster data (CVE-2024-28175, CVE-2025-47933:
 * links and markup from object fields), so security is `strict`: Mermaid encodes tags in text,
 * turns click callbacks off and sanitises its SVG; labels are SVG text, never HTML. Dagre
 * lays out (measured faster than ELK here, and it keeps nodes in place when one is added:
 * bench/README.md).
 */
export const MERMAID_CONFIG: MermaidConfig = {
  startOnLoad: false,
  securityLevel: 'strict',
  htmlLabels: false,
  // Wide enough that `namespace/name` lines are not broken mid-word.
  flowchart: { htmlLabels: false, wrappingWidth: 400 },
  maxTextSize: 400_000,
  maxEdges: 5000,
};
