import { describe, expect, it } from 'vitest';
import { MERMAID_CONFIG } from './mermaid-config';

describe('MERMAID_CONFIG (graph labels are cluster data)', () => {
  it.each([
    ['securityLevel', MERMAID_CONFIG.securityLevel, 'strict'],
    ['htmlLabels', MERMAID_CONFIG.htmlLabels, false],
    ['flowchart.htmlLabels', MERMAID_CONFIG.flowchart?.htmlLabels, false],
    ['startOnLoad', MERMAID_CONFIG.startOnLoad, false],
  ])('%s is %j', (_name, actual, expected) => expect(actual).toBe(expected));
});
