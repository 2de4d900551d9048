import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadChart, resolveChartUrl } from './helm-chart-download.js';

const AUTH = `Basic ${Buffer.from('u:p').toString('base64')}`;
const BODY = Buffer.from('chart bytes');
const servers: Server[] = [];
let a = '';
let b = '';
const seen: { host: string; path: string; auth?: string }[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    seen.push({ host: req.headers.host ?? '', path: req.url ?? '', auth: req.headers.authorization });
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  b = await serve((_req, res) => res.end(BODY));
  a = await serve((req, res) => {
    if (req.url === '/chart.tgz') return void res.end(BODY);
    if (req.url === '/local-redirect.tgz') return void res.writeHead(302, { location: '/chart.tgz' }).end();
    if (req.url === '/cdn-redirect.tgz') return void res.writeHead(302, { location: `${b}/x.tgz` }).end();
    if (req.url === '/loop.tgz') return void res.writeHead(307, { location: '/loop.tgz' }).end();
    if (req.url === '/slow.tgz') return void res.write('x'); // never ends
    if (req.url === '/huge.tgz') return void res.end(Buffer.alloc(4096));
    res.writeHead(404, 'Not Found').end();
  });
});

afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

const options = {
  timeoutMs: 2000,
  maxBytes: 1024,
  fileName: 'app-1.0.0.tgz',
  basicAuth: { username: 'u', password: 'p' },
};

describe('downloadChart', () => {
  it('follows redirects, keeping credentials on the first host only', async () => {
    seen.length = 0;
    expect(await downloadChart(`${a}/local-redirect.tgz`, options)).toEqual(BODY);
    expect(await downloadChart(`${a}/cdn-redirect.tgz`, options)).toEqual(BODY);
    expect(seen.map((s) => [s.path, s.auth])).toEqual([
      ['/local-redirect.tgz', AUTH],
      ['/chart.tgz', AUTH],
      ['/cdn-redirect.tgz', AUTH],
      ['/x.tgz', undefined],
    ]);
  });

  it('checks the index digest', async () => {
    const digest = createHash('sha256').update(BODY).digest('hex');
    expect(await downloadChart(`${a}/chart.tgz`, { ...options, digest })).toEqual(BODY);
    await expect(downloadChart(`${a}/chart.tgz`, { ...options, digest: 'f'.repeat(64) })).rejects.toThrow(
      `chart digest mismatch for ${a}/chart.tgz: expected sha256:${'f'.repeat(64)}, got sha256:${digest}`,
    );
  });

  it.each([
    ['/loop.tgz', 'stopped after 10 redirects'],
    ['/huge.tgz', "size of chart 'app-1.0.0.tgz' exceeds '1024' bytes limit"],
    ['/slow.tgz', 'timeout after 2000 ms fetching'],
    ['/missing.tgz', '404 Not Found'],
  ])('%s fails: %s', async (path, message) => {
    await expect(downloadChart(`${a}${path}`, options)).rejects.toThrow(message);
  });

  it.each([
    ['http://h/charts', 'podinfo-1.0.0.tgz', 'http://h/charts/podinfo-1.0.0.tgz'],
    ['http://h/charts/', 'sub/podinfo-1.0.0.tgz', 'http://h/charts/sub/podinfo-1.0.0.tgz'],
    ['http://h/charts', 'https://cdn/x.tgz', 'https://cdn/x.tgz'],
    ['http://h/charts', '/abs/x.tgz', 'http://h/abs/x.tgz'],
  ])('resolves %s + %s', (repo, chart, expected) => {
    expect(resolveChartUrl(repo, chart)).toBe(expected);
  });
});
