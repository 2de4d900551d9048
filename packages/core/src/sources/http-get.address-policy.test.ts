import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressPolicy } from './address-policy.js';
import { fetchHelmIndex } from './helm-index.js';
import { getFollowingRedirects } from './http-get.js';

/**
 * The address policy on Helm's fetches, against real sockets: the allowed server on 127.0.0.1
 * (an exception), a forbidden one on 127.0.0.2 (loopback), both recording what reaches them.
 */
let allowed: Server;
let forbidden: Server;
let good = '';
let bad = '';
const reached: string[] = [];

async function listen(host: string, name: string, redirect: () => string): Promise<[Server, string]> {
  const server = createServer((req, res) => {
    reached.push(`${name}${req.url ?? ''}`);
    const to = /^\/to\/(.+)$/.exec(req.url ?? '');
    if (to?.[1]) return void res.writeHead(302, { location: decodeURIComponent(to[1]) }).end();
    if (req.url === '/self') return void res.writeHead(302, { location: `${redirect()}/index.yaml` }).end();
    res.writeHead(200, { 'content-type': 'text/yaml' }).end('apiVersion: v1\nentries: {}\n');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return [server, `http://${host}:${(server.address() as AddressInfo).port}`];
}

beforeAll(async () => {
  [allowed, good] = await listen('127.0.0.1', 'good', () => good);
  [forbidden, bad] = await listen('127.0.0.2', 'bad', () => bad);
});

afterAll(() => {
  for (const server of [allowed, forbidden]) {
    server?.closeAllConnections();
    server?.close();
  }
});

const policy: AddressPolicy = { refuseInternal: true, allow: ['127.0.0.1'] };
const options = { timeoutMs: 2000, maxBytes: 1024, tooLarge: () => new Error('too large') };
const via = (target: string): string => `${good}/to/${encodeURIComponent(target)}`;

describe('address policy on HTTP fetches (Helm index and charts)', () => {
  it('reaches the forbidden server when there is no policy (so a refusal below is real)', async () => {
    reached.length = 0;
    await getFollowingRedirects(via(`${bad}/index.yaml`), options);
    expect(reached).toEqual(['good/to/' + encodeURIComponent(`${bad}/index.yaml`), 'bad/index.yaml']);
  });

  it('follows an allowed redirect', async () => {
    reached.length = 0;
    const { data } = await getFollowingRedirects(`${good}/self`, { ...options, addressPolicy: policy });
    expect(data.toString()).toContain('entries');
    expect(reached).toEqual(['good/self', 'good/index.yaml']);
  });

  it('refuses a redirect to a loopback address, without connecting to it', async () => {
    reached.length = 0;
    await expect(
      getFollowingRedirects(via(`${bad}/index.yaml`), { ...options, addressPolicy: policy }),
    ).rejects.toThrow(
      `failed to fetch ${bad}/index.yaml : refusing to connect to 127.0.0.2, a loopback address (engine address policy)`,
    );
    expect(reached).toHaveLength(1);
  });

  it.each([
    [
      'the metadata address',
      'http://169.254.169.254/latest/meta-data/',
      'refusing to connect to 169.254.169.254, a cloud metadata address',
    ],
    [
      'the metadata address as an IPv4-mapped IPv6',
      'http://[::ffff:169.254.169.254]/',
      'refusing to connect to ::ffff:a9fe:a9fe, a cloud metadata address',
    ],
    [
      'a link-local address',
      'http://169.254.10.10/',
      'refusing to connect to 169.254.10.10, a link-local address',
    ],
    [
      'the GCP metadata name',
      'http://metadata.google.internal/computeMetadata/v1/',
      'refusing to connect to metadata.google.internal, a cloud metadata address',
    ],
    ['0.0.0.0', 'http://0.0.0.0:9/', 'refusing to connect to 0.0.0.0, an unspecified address'],
    [
      'a decimal IPv4 spelling of loopback',
      'http://2130706434/',
      'refusing to connect to 127.0.0.2, a loopback address',
    ],
  ])('refuses a redirect to %s', async (_what, target, message) => {
    reached.length = 0;
    await expect(getFollowingRedirects(via(target), { ...options, addressPolicy: policy })).rejects.toThrow(
      message,
    );
    expect(reached).toHaveLength(1);
  });

  it('checks names after DNS resolution: localhost is loopback', async () => {
    const port = new URL(good).port;
    await expect(
      getFollowingRedirects(`http://localhost:${port}/index.yaml`, {
        ...options,
        addressPolicy: { refuseInternal: true },
      }),
    ).rejects.toThrow(
      `failed to fetch http://localhost:${port}/index.yaml : refusing to connect to localhost: it resolves to 127.0.0.1, a loopback address (engine address policy)`,
    );
  });

  it('refuses a HelmRepository index on a forbidden host with source-controller wording', async () => {
    reached.length = 0;
    await expect(fetchHelmIndex(bad, { timeoutMs: 2000, addressPolicy: policy })).rejects.toThrow(
      `failed to fetch Helm repository index: failed to cache index to temporary file: failed to fetch ${bad}/index.yaml : refusing to connect to 127.0.0.2, a loopback address (engine address policy)`,
    );
    expect(reached).toEqual([]);
    expect((await fetchHelmIndex(good, { timeoutMs: 2000, addressPolicy: policy })).toString()).toContain(
      'entries',
    );
  });
});
