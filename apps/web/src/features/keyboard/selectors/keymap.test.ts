import { describe, expect, it } from 'vitest';
import { CHORD_TIMEOUT_MS, isTypingTarget, nextKey, type KeyCommand, type KeymapState } from './keymap';

/** Feeds keys at the given times; resolves the commands issued. */
function press(keys: [string, number][]): (KeyCommand | undefined)[] {
  let state: KeymapState = {};
  return keys.map(([key, at]) => {
    const next = nextKey(state, key, at);
    state = next.state;
    return next.command;
  });
}

describe('nextKey', () => {
  it.each<[string, [string, number][], (KeyCommand | undefined)[]]>([
    [
      'single keys',
      [
        ['/', 0],
        ['j', 1],
        ['k', 2],
        ['s', 3],
        ['r', 4],
        ['?', 5],
      ],
      ['focus-search', 'next-row', 'previous-row', 'suspend', 'reconcile', 'help'],
    ],
    [
      'g o / g g / g e',
      [
        ['g', 0],
        ['o', 100],
        ['g', 200],
        ['g', 300],
        ['g', 400],
        ['e', 500],
      ],
      [undefined, 'go-overview', undefined, 'go-graph', undefined, 'go-events'],
    ],
    [
      'a g that waited too long is a new chord',
      [
        ['g', 0],
        ['o', CHORD_TIMEOUT_MS + 1],
        ['o', CHORD_TIMEOUT_MS + 2],
      ],
      [undefined, undefined, undefined],
    ],
    [
      'another key cancels the chord',
      [
        ['g', 0],
        ['x', 10],
        ['o', 20],
      ],
      [undefined, undefined, undefined],
    ],
    [
      'g then j is not next-row',
      [
        ['g', 0],
        ['j', 10],
        ['j', 20],
      ],
      [undefined, undefined, 'next-row'],
    ],
    [
      'unknown keys and prototype names do nothing',
      [
        ['x', 0],
        ['toString', 1],
        ['g', 2],
        ['constructor', 3],
      ],
      [undefined, undefined, undefined, undefined],
    ],
  ])('%s', (_name, keys, expected) => expect(press(keys)).toEqual(expected));
});

describe('isTypingTarget', () => {
  it.each<[Parameters<typeof isTypingTarget>[0], boolean]>([
    [null, false],
    [{ tagName: 'BODY' }, false],
    [{ tagName: 'TR' }, false],
    [{ tagName: 'BUTTON' }, false],
    [{ tagName: 'INPUT', type: 'search' }, true],
    [{ tagName: 'INPUT', type: 'text' }, true],
    [{ tagName: 'INPUT' }, true],
    [{ tagName: 'INPUT', type: 'checkbox' }, false],
    [{ tagName: 'TEXTAREA' }, true],
    [{ tagName: 'SELECT' }, true],
    [{ tagName: 'DIV', isContentEditable: true }, true],
  ])('%j → %s', (target, expected) => expect(isTypingTarget(target)).toBe(expected));
});
