import { STATE_PALETTE } from '@tideline/core/browser';
import { describe, expect, it } from 'vitest';
import { stateStyle } from './state-style';

describe('stateStyle', () => {
  it.each([
    ['ready', 'Ready', '#dcfce7'],
    ['failed', 'Failed', '#fee2e2'],
    ['progressing', 'Progressing', '#dbeafe'],
    ['suspended', 'Suspended', '#fef3c7'],
    ['unknown', 'Unknown', '#f3f4f6'],
    ['something-new', 'Unknown', '#f3f4f6'],
    ['toString', 'Unknown', '#f3f4f6'],
  ])('%s reads %s on %s', (state, label, fill) => {
    const style = stateStyle(state);
    expect(style.label).toBe(label);
    expect(style.badge.backgroundColor).toBe(fill);
  });

  it('takes its colours from the palette the graph uses', () => {
    expect(stateStyle('failed').badge.color).toBe(STATE_PALETTE.failed.text);
  });
});
