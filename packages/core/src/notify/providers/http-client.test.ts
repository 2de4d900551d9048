import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, startWebhookSink, type TestPki, type WebhookSink } from '../../testing/sandbox.js';
import { backoffMs, sendWithRetry, shouldRetry, type HttpContext } from './http-client.js';
import { postMessage } from './post-message.js';

let plain: WebhookSink;
let secure: WebhookSink;
let mutual: WebhookSink;
let pki: TestPki;
const fast = { retryMax: 4, waitMinMs: 10, waitMaxMs: 40 };
const ctx = (over: Partial<HttpContext> = {}): HttpContext => ({
  signal: AbortSignal.timeout(10_000),
  retry: fast,
  ...over,
});

beforeAll(async () => {
  pki = await generateTestPki(mkdtempSync(join(tmpdir(), 'ntf-pki-')));
  plain = await startWebhookSink();
  secure = await startWebhookSink({ tls: pki.server });
  mutual = await startWebhookSink({ tls: { ...pki.server, clientCa: pki.ca.cert } });
});
afterAll(async () => {
  await Promise.all([plain?.stop(), secure?.stop(), mutual?.stop()]);
});

describe('delivery HTTP client (go-retryablehttp policy)', () => {
  it.each([
    [{ status: 500 }, true],
    [{ status: 503 }, true],
    [{ status: 429 }, true],
    [{ status: 501 }, false],
    [{ status: 400 }, false],
    [{ status: 404 }, false],
    [{ error: new Error('connect ECONNREFUSED') }, true],
    [
      { error: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) },
      false,
    ],
  ])('retries %j: %s', (outcome, retry) => expect(shouldRetry(outcome)).toBe(retry));

  it('backs off 2s, 4s, 8s, 16s capped at 30s; Retry-After on 429', () => {
    const policy = { retryMax: 4, waitMinMs: 2000, waitMaxMs: 30_000 };
    expect([0, 1, 2, 3, 4].map((a) => backoffMs(policy, a))).toEqual([2000, 4000, 8000, 16000, 30000]);
    expect(
      backoffMs(policy, 0, { status: 429, statusText: '', headers: { 'retry-after': '7' }, body: '' }),
    ).toBe(7000);
  });

  it('retries 5xx until it gives up after 5 attempts, with the URL redacted', async () => {
    plain.clear();
    plain.respondWith({ status: 502, path: '/down' });
    const url = plain.url.replace('http://', 'http://user:s3cret@') + '/down';
    await expect(postMessage(ctx(), url, { a: 1 })).rejects.toThrow(
      /^failed to execute request: POST http:\/\/\*\*\*@127\.0\.0\.1:\d+\/down giving up after 5 attempt\(s\)$/,
    );
    expect(plain.requests().filter((r) => r.path === '/down')).toHaveLength(5);
  });

  it('does not retry a 4xx and reports its body', async () => {
    plain.clear();
    plain.respondWith({ status: 403, body: 'forbidden', times: 1, path: '/no' });
    await expect(postMessage(ctx(), `${plain.url}/no`, {})).rejects.toThrow(
      'request failed: request failed with status code 403: forbidden',
    );
    expect(plain.requests()).toHaveLength(1);
  });

  it('gives up at the Provider timeout', async () => {
    plain.respondWith({ status: 200, delayMs: 2000, times: 1, path: '/slow' });
    const started = Date.now();
    await expect(
      postMessage(ctx({ signal: AbortSignal.timeout(300) }), `${plain.url}/slow`, {}),
    ).rejects.toThrow(/context deadline exceeded/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('goes through an HTTP proxy (absolute URI) and tunnels https with CONNECT', async () => {
    plain.clear();
    secure.clear();
    await postMessage(ctx({ proxyUrl: plain.url }), 'http://127.0.0.1:9/via-proxy', {}).catch(
      () => undefined,
    );
    expect(plain.requests()[0]).toMatchObject({ proxied: true, path: 'http://127.0.0.1:9/via-proxy' });
    plain.clear();
    await postMessage(ctx({ proxyUrl: plain.url, tls: { caPem: pki.ca.cert } }), `${secure.url}/tunnelled`, {
      b: 2,
    });
    expect(plain.requests()[0]).toMatchObject({ method: 'CONNECT', path: `127.0.0.1:${secure.port}` });
    expect(secure.requests().at(-1)).toMatchObject({ path: '/tunnelled', body: '{"b":2}' });
  });

  it('trusts a custom CA (added to the system roots), refuses an unknown one without retrying, presents a client certificate', async () => {
    await expect(postMessage(ctx(), `${secure.url}/x`, {})).rejects.toThrow(/giving up after 1 attempt\(s\)/);
    await postMessage(ctx({ tls: { caPem: pki.ca.cert } }), `${secure.url}/trusted`, {});
    expect(secure.requests().at(-1)?.path).toBe('/trusted');
    await expect(postMessage(ctx({ tls: { caPem: pki.ca.cert } }), `${mutual.url}/m`, {})).rejects.toThrow(
      /status code 400/,
    );
    await postMessage(
      ctx({ tls: { caPem: pki.ca.cert, certPem: pki.client.cert, keyPem: pki.client.key } }),
      `${mutual.url}/m`,
      {},
    );
    expect(mutual.requests().at(-1)?.path).toBe('/m');
  });

  it('sends other methods as asked (GET for status lists)', async () => {
    const response = await sendWithRetry(ctx(), { method: 'GET', url: `${plain.url}/list` });
    expect(response.status).toBe(200);
    expect(plain.requests().at(-1)).toMatchObject({ method: 'GET', path: '/list' });
  });
});
