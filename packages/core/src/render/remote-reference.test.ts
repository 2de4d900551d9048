import { describe, expect, it } from 'vitest';
import { remoteReference } from './remote-reference.js';

describe('remoteReference (what kustomize would fetch)', () => {
  it.each<[string, ReturnType<typeof remoteReference>]>([
    ['http://127.0.0.1:8080/cm.yaml', { kind: 'http', host: '127.0.0.1' }],
    ['HTTPS://Example.COM/a.yaml', { kind: 'http', host: 'example.com' }],
    ['http://0x7f.1/x', { kind: 'http', host: '127.0.0.1' }],
    ['http://[::1]:80/x', { kind: 'http', host: '::1' }],
    ['https://github.com/org/repo//deploy?ref=v1', { kind: 'http', host: 'github.com' }],
    ['git::https://x.example/r.git', { kind: 'git', host: 'x.example' }],
    ['ssh://git@x.example:2222/r.git', { kind: 'git', host: 'x.example' }],
    ['git@github.com:org/repo.git', { kind: 'git', host: 'github.com' }],
    ['deploy@gitlab.example:org/repo', { kind: 'git', host: 'gitlab.example' }],
    ['github.com/org/repo/deploy', { kind: 'git', host: 'github.com' }],
    ['GitHub.com:org/repo', { kind: 'git', host: 'github.com' }],
    ['gh:org/repo', { kind: 'git', host: 'github.com' }],
    ['git::x.example/r', { kind: 'git', host: 'x.example' }],
    ['base', undefined],
    ['../base', undefined],
    ['./github.com/org/repo', undefined],
    ['file:///etc/passwd', undefined],
    ['file://rel', undefined],
    ['/etc/passwd', undefined],
    ['1user@host:path', undefined],
    ['deployment.yaml', undefined],
  ])('%s', (path, expected) => {
    expect(remoteReference(path)).toEqual(expected);
  });
});
