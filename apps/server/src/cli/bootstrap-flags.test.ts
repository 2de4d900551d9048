import { describe, expect, it } from 'vitest';
import { bootstrapRequest, syncUrl } from './bootstrap-flags.js';
import type { FlagValues } from './command.js';

describe('bootstrap git flags, checked as flux checks them', () => {
  it.each<[string, FlagValues, string]>([
    ['no --url', {}, 'required flag(s) "url" not set'],
    ['not a URL', { url: 'nope' }, 'invalid URL "nope"'],
    [
      'http without --allow-insecure-http',
      { url: 'http://h/r.git' },
      'scheme http is insecure, pass --allow-insecure-http=true to allow it',
    ],
    ['an unsupported scheme', { url: 'git://h/r.git' }, 'scheme "git" is not supported'],
    [
      'ssh without a key',
      { url: 'ssh://git@h/r.git' },
      '--private-key-file is required for ssh:// URLs (Tideline does not generate deploy keys)',
    ],
  ])('%s is refused', (_name, flags, message) => {
    expect(() => bootstrapRequest(flags, {})).toThrow(message);
  });

  it('defaults as flux: branch main, interval 1m, username git, author Flux with no email', () => {
    const r = bootstrapRequest(
      { url: 'https://h/r.git', path: './clusters/a/', 'commit-message-appendix': '[ci skip]' },
      {},
    );
    expect(r).toMatchObject({
      branch: 'main',
      intervalMs: 60_000,
      username: 'git',
      targetPath: 'clusters/a',
      secretName: 'flux-system',
      author: { name: 'Flux', email: '' },
      commitMessage: 'Add Flux sync manifests\n\n[ci skip]',
      ignored: [],
    });
    expect(r.password).toBeUndefined();
  });

  it('the password comes from $GIT_PASSWORD when the flag is not given; --components-extra is noted', () => {
    const r = bootstrapRequest(
      { url: 'https://h/r.git', 'components-extra': ['image-reflector-controller'] },
      { GIT_PASSWORD: 'pw' },
    );
    expect([r.password, r.ignored]).toEqual(['pw', ['--components-extra']]);
  });

  it.each<[string, string, string]>([
    ['https://user:pw@h/r.git', 'git', 'https://h/r.git'],
    ['http://h:8080/r.git', 'bob', 'http://h:8080/r.git'],
    ['ssh://git@h:2222/r.git', 'git', 'ssh://git@h:2222/r.git'],
    ['ssh://h/r.git', 'git', 'ssh://git@h/r.git'],
    ['ssh://git@h/r.git', 'deploy', 'ssh://deploy@h/r.git'],
  ])('syncUrl(%s, --username=%s) is %s', (url, username, expected) => {
    expect(syncUrl(new URL(url), username)).toBe(expected);
  });
});
