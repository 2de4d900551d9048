import { describe, expect, it } from 'vitest';
import { safeHttpHref, splitLinks } from './split-links';

describe('safeHttpHref', () => {
  it.each([
    ['https://github.com/org/repo', 'https://github.com/org/repo'],
    ['http://git.example:8080/x.git', 'http://git.example:8080/x.git'],
    ['javascript:alert(1)', undefined],
    ['data:text/html,hi', undefined],
    ['ssh://git@github.com/org/repo', undefined],
    ['file:///etc/passwd', undefined],
    ['https://', undefined],
    ['not a url', undefined],
  ])('%s → %s', (candidate, expected) => expect(safeHttpHref(candidate)).toBe(expected));
});

describe('splitLinks', () => {
  it.each([
    ['plain text', [{ type: 'text', text: 'plain text' }]],
    ['', []],
    [
      "failed to checkout 'https://github.com/org/repo': auth",
      [
        { type: 'text', text: "failed to checkout '" },
        { type: 'link', text: 'https://github.com/org/repo', href: 'https://github.com/org/repo' },
        { type: 'text', text: "': auth" },
      ],
    ],
    [
      'see http://a.example/x.',
      [
        { type: 'text', text: 'see ' },
        { type: 'link', text: 'http://a.example/x', href: 'http://a.example/x' },
        { type: 'text', text: '.' },
      ],
    ],
    [
      'javascript:alert(1) and ssh://git@host/x',
      [{ type: 'text', text: 'javascript:alert(1) and ssh://git@host/x' }],
    ],
    [
      '<a href="https://x.example">',
      [
        { type: 'text', text: '<a href="' },
        { type: 'link', text: 'https://x.example', href: 'https://x.example/' },
        { type: 'text', text: '">' },
      ],
    ],
  ])('%s', (text, expected) => expect(splitLinks(text)).toEqual(expected));
});
