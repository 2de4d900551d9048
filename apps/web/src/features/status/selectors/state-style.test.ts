import { STATE_PALETTE } from '@tideline/core/browser';
import { describe, expect, it } from 'vitest';
import { stateStyle } from './state-style';

describe('stateStyle', () => {
  it.each([
    ['ready', 'Ready', '#dcfce7', '#052e16'],
    ['failed', 'Failed', '#fee2e2', '#450a0a'],
    ['progressing', 'Progressing', '#dbeafe', '#172554'],
    ['suspended', 'Suspended', '#fef3c7', '#451a03'],
    ['unknown', 'Unknown', '#f3f4f6', '#1f2937'],
    ['something-new', 'Unknown', '#f3f4f6', '#1f2937'],
    ['toString', 'Unknown', '#f3f4f6', '#1f2937'],
  ])('%s reads %s on %s (dark: %s)', (state, label, fill, darkFill) => {
    const style = stateStyle(state);
    expect(style.label).toBe(label);
    expect(style.badge['--state-fill']).toBe(fill);
    expect(style.badge['--state-fill-dark']).toBe(darkFill);
  });

  it('takes its colours from the palette the graph uses', () => {
    expect(stateStyle('failed').badge['--state-text']).toBe(STATE_PALETTE.failed.text);
    expect(stateStyle('failed').badge['--state-text-dark']).toBe(STATE_PALETTE.failed.dark.text);
  });
});
