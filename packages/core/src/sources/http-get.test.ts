import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFollowingRedirects, HttpStatusError, mayPassCredentials } from './http-get.js';

let server: Server;
let base = '';
const paths: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    const hop = /^\/hop\/(\d+)$/.exec(req.url ?? '');
    if (hop) {
      const n = Number(hop[1]);
      return void (n === 0 ? res.end('arrived') : res.writeHead(302, { location: `/hop/${n - 1}` }).end());
    }
    res.writeHead(403, 'Forbidden').end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const options = { timeoutMs: 2000, maxBytes: 1024, tooLarge: () => new Error('too large') };

describe('getFollowingRedirects', () => {
  it('follows 9 redirects (10 requests), as Go does', async () => {
    paths.length = 0;
    const { data, url } = await getFollowingRedirects(`${base}/hop/9`, options);
    expect(data.toString()).toBe('arrived');
    expect(url.pathname).toBe('/hop/0');
    expect(paths).toHaveLength(10);
  });

  it('refuses the 10th redirect without sending an 11th request', async () => {
    paths.length = 0;
    await expect(getFollowingRedirects(`${base}/hop/10`, options)).rejects.toThrow(
      `failed to fetch ${base}/hop/10 : stopped after 10 redirects`,
    );
    expect(paths).toHaveLength(10);
  });

  it('reports a status outside 2xx with its code, as Helm getter words it', async () => {
    const failure = getFollowingRedirects(`${base}/nope?token=x`, options);
    await expect(failure).rejects.toBeInstanceOf(HttpStatusError);
    await expect(failure).rejects.toThrow(`failed to fetch ${base}/nope : 403 Forbidden`);
  });
});

describe('mayPassCredentials (Helm getter rule behind spec.passCredentials)', () => {
  const repo = 'https://charts.example.com/stable';
  it.each([
    ['the index on the repository host', repo, 'https://charts.example.com/stable/index.yaml', false, true],
    [
      'a chart on the same host, other path',
      repo,
      'https://charts.example.com/files/app-1.0.0.tgz',
      false,
      true,
    ],
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
  ])('%s', (_title, origin, target, pass, expected) => {
    expect(mayPassCredentials(origin, target, pass)).toBe(expected);
  });
});
