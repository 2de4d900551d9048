import { describe, expect, it } from 'vitest';
import { nodeIndexFromDomId } from './node-from-dom-id';

describe('nodeIndexFromDomId', () => {
  it.each([
    ['flowchart-n0-0', 0],
    ['flowchart-n3-12', 3],
    ['tideline-graph-4-flowchart-n17-3', 17],
    ['mermaid-1-flowchart-n2-0', 2],
    ['flowchart-x3-1', undefined],
    ['flowchart-n3', undefined],
    ['L_n0_n1_0', undefined],
    ['subGraph0', undefined],
    ['', undefined],
    ['myflowchart-n1-0', undefined],
  ])('%s → %s', (domId, expected) => expect(nodeIndexFromDomId(domId)).toBe(expected));
});
