import { describe, expect, it } from 'vitest';
import { edgeEndsFromDataId, mermaidIdFromDomId } from './dom-ids';

describe('mermaidIdFromDomId', () => {
  it.each([
    ['flowchart-n0-0', 'n0'],
    ['tideline-graph-4-flowchart-n1x2ab-12', 'n1x2ab'],
    ['mermaid-1-flowchart-nzz9x1-0', 'nzz9x1'],
    ['flowchart-x3-1', undefined],
    ['flowchart-n3', undefined],
    ['L_n0_n1_0', undefined],
    ['subGraph0', undefined],
    ['', undefined],
    ['myflowchart-n1-0', undefined],
  ])('%s → %s', (domId, expected) => expect(mermaidIdFromDomId(domId)).toBe(expected));
});

describe('edgeEndsFromDataId', () => {
  it.each([
    ['L_nab1_ncd2_0', ['nab1', 'ncd2']],
    ['L_n1_n2_13', ['n1', 'n2']],
    ['L_a_b_0', undefined],
    ['nab1_ncd2_0', undefined],
    ['L_n1_n2', undefined],
  ])('%s → %j', (dataId, expected) => expect(edgeEndsFromDataId(dataId)).toEqual(expected));
});
