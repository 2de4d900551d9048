import { describe, expect, it } from 'vitest';

import { parseGitRequestTarget } from './request-target.js';

describe('parseGitRequestTarget', () => {
  it.each([
    [
      '/app.git/info/refs?service=git-upload-pack',
      { pathInfo: '/app.git/info/refs', queryString: 'service=git-upload-pack' },
    ],
    ['/team/app.git/git-receive-pack', { pathInfo: '/team/app.git/git-receive-pack', queryString: '' }],
    ['/my%20repo.git/HEAD', { pathInfo: '/my repo.git/HEAD', queryString: '' }],
    ['/a.git/info/refs?x=%2e%2e', { pathInfo: '/a.git/info/refs', queryString: 'x=%2e%2e' }],
  ])('accepts %s', (url, expected) => {
    expect(parseGitRequestTarget(url)).toEqual(expected);
  });

  it.each([
    [undefined],
    ['relative/path'],
    ['/../etc/passwd'],
    ['/app.git/../../etc/passwd'],
    ['/%2e%2e/etc/passwd'],
    ['/%2E%2E%2Fetc%2Fpasswd'],
    ['/./app.git/HEAD'],
    ['/app.git%00/HEAD'],
    ['/app.git\\..\\x'],
    ['/%zz'],
  ])('rejects %s', (url) => {
    expect(parseGitRequestTarget(url)).toBeUndefined();
  });
});
