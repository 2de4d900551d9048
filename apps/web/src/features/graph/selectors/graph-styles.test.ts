import { STATE_PALETTE } from '@tideline/core/browser';
import { describe, expect, it } from 'vitest';
import { graphStyles } from './graph-styles';

describe('graphStyles', () => {
  const css = graphStyles('#g');

  it.each(Object.entries(STATE_PALETTE))('colours %s nodes from the state palette', (state, look) => {
    expect(css).toContain(
      `#g g.node[data-state="${state}"] :is(rect.label-container, polygon, path.basic, circle) { fill: ${look.fill} !important; stroke: ${look.stroke} !important; }`,
    );
    expect(css).toContain(
      `#g g.node[data-state="${state}"] :is(text, tspan) { fill: ${look.text} !important; }`,
    );
  });

  it('scopes every rule', () => {
    for (const line of css.split('\n')) expect(line).toMatch(/^(#g |@media .*#g |@keyframes tideline-)/);
  });

  it('marks the cause of a root-cause path apart from its links', () => {
    expect(css).toMatch(/g\.node\[data-path="cause"\][^{]*\{ stroke-width: 5px/);
    expect(css).toMatch(/path\.tl-path-edge \{ stroke: #dc2626/);
  });
});
