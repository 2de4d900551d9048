import { describe, expect, it } from 'vitest';
import { followUrl } from './url-echo';

describe('followUrl', () => {
  it.each([
    ['its own latest write', ['g'], 'g', [], false],
    ['an echo several keystrokes late', ['g', 'g', 'g e', 'g e j'], 'g', ['g e', 'g e j'], false],
    ['the last echo settles everything', ['g', 'g e'], 'g e', [], false],
    ['a cleared box', ['g', undefined], undefined, [], false],
    ['back/forward to another value', ['g e'], 'flux', [], true],
    ['a link with nothing pending', [], 'apps', [], true],
    ['back to no value', [], undefined, [], true],
  ] as const)('%s', (_name, pending, url, left, replace) =>
    expect(followUrl(pending, url)).toEqual({ pending: left, replaceText: replace }),
  );
});
