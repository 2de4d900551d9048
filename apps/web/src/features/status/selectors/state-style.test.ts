import { describe, expect, it } from 'vitest';
import { stateStyle } from './state-style';

describe('stateStyle', () => {
  it.each([
    ['ready', 'green', 'Ready', 'bg-green-100'],
    ['failed', 'red', 'Failed', 'bg-red-100'],
    ['progressing', 'blue', 'Progressing', 'bg-blue-100'],
    ['suspended', 'amber', 'Suspended', 'bg-amber-100'],
    ['unknown', 'grey', 'Unknown', 'bg-gray-100'],
    ['something-new', 'grey', 'Unknown', 'bg-gray-100'],
    ['toString', 'grey', 'Unknown', 'bg-gray-100'],
  ])('%s is %s', (state, colour, label, bg) => {
    const style = stateStyle(state);
    expect(style.colour).toBe(colour);
    expect(style.label).toBe(label);
    expect(style.badgeClass).toContain(bg);
  });
});
