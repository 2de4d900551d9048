import { describe, expect, it } from 'vitest';
import { compileLabelSelector, LabelSelectorError, selectorMatches } from './label-selector.js';

describe('label selectors (metav1.LabelSelectorAsSelector)', () => {
  it.each([
    [undefined, {}, true],
    [{}, { a: 'b' }, true],
    [{ matchLabels: { app: 'x' } }, { app: 'x', other: 'y' }, true],
    [{ matchLabels: { app: 'x' } }, { app: 'y' }, false],
    [{ matchLabels: { app: 'x' } }, undefined, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }, { tier: 'b' }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, {}, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, { tier: 'a' }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { tier: '' }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, { tier: '' }, false],
    [
      { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      { app: 'x' },
      false,
    ],
  ])('%j matches %j: %s', (selector, labels, expected) => {
    expect(compileLabelSelector(selector)(labels)).toBe(expected);
  });

  it.each([
    [{ matchExpressions: [{ key: 'a', operator: 'Has' }] }, '"Has" is not a valid label selector operator'],
    [
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [{ matchLabels: { 'bad key!': 'x' } }, 'key: Invalid value: "bad key!"'],
    [{ matchLabels: { ok: 'bad value!' } }, 'values[0]: Invalid value: "bad value!"'],
  ])('refuses %j', (selector, message) => {
    expect(() => compileLabelSelector(selector)).toThrow(LabelSelectorError);
    expect(() => compileLabelSelector(selector)).toThrow(message);
    expect(selectorMatches(selector, {})).toBe(false);
  });
});
