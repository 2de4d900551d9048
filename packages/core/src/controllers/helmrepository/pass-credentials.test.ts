import { describe, expect, it } from 'vitest';
import { shouldSendCredentials } from './pass-credentials.js';

describe('shouldSendCredentials (Helm getter rule behind spec.passCredentials)', () => {
  const repo = 'https://charts.example.com/stable';
  it.each([
    ['the index on the repository host', repo, 'https://charts.example.com/stable/index.yaml', false, true],
    ['a chart on the same host, other path', repo, 'https://charts.example.com/files/app-1.0.0.tgz', false, true],
    ['a chart on another host', repo, 'https://cdn.example.net/app-1.0.0.tgz', false, false],
    ['a chart on a subdomain', repo, 'https://dl.charts.example.com/app-1.0.0.tgz', false, false],
    ['a chart on another port', repo, 'https://charts.example.com:8443/app-1.0.0.tgz', false, false],
    ['a downgrade to http on the same host', repo, 'http://charts.example.com/app-1.0.0.tgz', false, false],
    ['the default port spelt out', repo, 'https://charts.example.com:443/app-1.0.0.tgz', false, true],
    ['host case', repo, 'https://CHARTS.example.com/app-1.0.0.tgz', false, true],
    ['another host with passCredentials', repo, 'https://cdn.example.net/app-1.0.0.tgz', true, true],
    ['another scheme with passCredentials', repo, 'http://cdn.example.net/app-1.0.0.tgz', true, true],
    ['an unparseable target', repo, 'not a url', false, false],
    ['loopback ports differ', 'http://127.0.0.1:8080', 'http://127.0.0.1:9090/index.yaml', false, false],
  ])('%s', (_title, repoUrl, target, pass, expected) => {
    expect(shouldSendCredentials(repoUrl, target, pass)).toBe(expected);
  });
});
