import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeFeed } from '../cache/change-feed.js';
import { StreamHub } from '../cache/stream-hub.js';
import type { StreamMessage } from '../api/dto.js';
import { runCli } from '../testing/cli-fixture.js';
import { startTestServer, TEST_SUMMARY, testServices, type TestServer } from '../testing/http-fixture.js';
import { generateTestPki, issueTestServerCertificate } from '@tideline/sandbox';

const TOKEN = 'tls-test-token-0123456789';
const POLL_MS = 200;
let dir: string;
let caPem: Buffer;
/** Two serving certificates from the test CA (PEM files), and their serial numbers. */
let first: { certFile: string; keyFile: string; serial: string };
let second: typeof first;
let server: TestServer;
let feed: ChangeFeed;
/** The Secret volume as the kubelet writes it: tls.crt → ..data/tls.crt, ..data → ..<version>. */
let volume: string;
let version = 0;

/** Rewrites the volume as the kubelet's atomic writer does: a new directory, then a symlink swap. */
function project(certFile: string, keyFile: string): void {
  version += 1;
  const target = join(volume, `..v${version}`);
  mkdirSync(target);
  writeFileSync(join(target, 'tls.crt'), readFileSync(certFile));
  writeFileSync(join(target, 'tls.key'), readFileSync(keyFile));
  symlinkSync(`..v${version}`, join(volume, '..data_tmp'));
  renameSync(join(volume, '..data_tmp'), join(volume, '..data'));
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  serial: string;
  body: string;
}

/** One request on a fresh TLS connection trusting only the test CA. */
function httpsRequest(path: string, options: RequestOptions = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { ca: caPem, agent: false, ...options }, (res) => {
      const serial = (res.socket as TLSSocket).getPeerCertificate().serialNumber;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, serial, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const login = (): Promise<Answer> =>
  httpsRequest(
    '/api/login',
    { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url } },
    JSON.stringify({ token: TOKEN }),
  );

const setCookie = (answer: Answer): string => String(answer.headers['set-cookie'] ?? '');

/** Polls until `check` passes or `ms` elapse. */
async function within<T>(ms: number, probe: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-tls-'));
  const pki = await generateTestPki(join(dir, 'pki'));
  caPem = Buffer.from(pki.ca.cert);
  const files = async (name: string): Promise<typeof first> => {
    const pair = await issueTestServerCertificate(join(dir, 'pki'), name);
    const serial = new X509Certificate(pair.cert).serialNumber;
    return { certFile: join(dir, 'pki', `${name}.crt`), keyFile: join(dir, 'pki', `${name}.key`), serial };
  };
  first = await files('first');
  second = await files('second');
  expect(first.serial).not.toBe(second.serial);
  volume = join(dir, 'volume');
  mkdirSync(volume);
  project(first.certFile, first.keyFile);
  symlinkSync('..data/tls.crt', join(volume, 'tls.crt'));
  symlinkSync('..data/tls.key', join(volume, 'tls.key'));
  feed = new ChangeFeed(100, 't');
  const snapshot = (): StreamMessage[] => [{ type: 'object', object: TEST_SUMMARY }];
  const hub = new StreamHub(feed, snapshot, () => []);
  server = await startTestServer({
    adminToken: TOKEN,
    services: testServices({
      stream: {
        subscribe: (last, signal) => feed.subscribe(last, signal, snapshot),
        attach: (last, sink) => hub.attach(last, sink),
      },
    }),
    tls: { certFile: join(volume, 'tls.crt'), keyFile: join(volume, 'tls.key'), pollMs: POLL_MS },
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('serving TLS from certificate files', () => {
  it('answers HTTPS trusting the CA, with HSTS and a Secure session cookie', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const signedIn = await login();
    expect(signedIn.status).toBe(204);
    expect(signedIn.serial).toBe(first.serial);
    expect(setCookie(signedIn)).toMatch(/^tideline_session=[^;]+; .*HttpOnly; SameSite=Strict; .*; Secure$/);
    expect(signedIn.headers['strict-transport-security']).toBe('max-age=31536000');
    const cookie = setCookie(signedIn).split(';')[0] ?? '';
    const list = await httpsRequest('/trpc/objects.list', { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(list.body).toContain('Applied revision');
    expect((await httpsRequest('/healthz')).headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('refuses plain HTTP on the TLS port, and TLS older than 1.2', async () => {
    await expect(fetch(server.url.replace('https:', 'http:') + '/healthz')).rejects.toThrow();
    await expect(httpsRequest('/healthz', { maxVersion: 'TLSv1.1', minVersion: 'TLSv1' })).rejects.toThrow();
    await expect(httpsRequest('/healthz', { ca: undefined })).rejects.toThrow(
      /self[- ]signed|unable to verify/i,
    );
  });

  it('presents a rotated certificate to new connections without a restart; an open stream goes on', async () => {
    const cookie = setCookie(await login()).split(';')[0] ?? '';
    const chunks: string[] = [];
    const stream = request(`${server.url}/trpc/events.stream?input=%7B%7D`, {
      ca: caPem,
      agent: false,
      headers: { cookie, accept: 'text/event-stream' },
    });
    const opened = new Promise<void>((resolve, reject) => {
      stream.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('data', (c: string) => (chunks.push(c), resolve()));
      });
      stream.on('error', reject);
    });
    stream.end();
    await opened;
    const rotatedAt = Date.now();
    project(second.certFile, second.keyFile);
    const after = await within(
      5 * POLL_MS + 2_000,
      () => httpsRequest('/healthz'),
      (a) => a.serial === second.serial,
    );
    expect(after.serial).toBe(second.serial);
    expect(Date.now() - rotatedAt).toBeLessThan(5 * POLL_MS + 2_000);
    expect(server.logs.join('\n')).toMatch(
      new RegExp(`TLS certificate reloaded: subject "CN=tideline-sandbox-second", serial ${second.serial}`),
    );
    feed.publish({ type: 'deleted', id: 'Kustomization/flux-system/after-rotation' });
    await within(
      3_000,
      async () => chunks.join(''),
      (text) => text.includes('after-rotation'),
    );
    expect(chunks.join('')).toContain('after-rotation');
    stream.destroy();
  });

  it('keeps the previous certificate when the new files do not make a pair, and logs why without the key', async () => {
    const logged = server.logs.length;
    project(first.certFile, second.keyFile);
    const log = await within(
      5 * POLL_MS + 2_000,
      async () => server.logs.slice(logged).join('\n'),
      (text) => text.includes('not loaded'),
    );
    expect(log).toContain(
      `TLS certificate files changed but were not loaded, still serving the previous certificate: the TLS key file ${join(volume, 'tls.key')} does not match the certificate in ${join(volume, 'tls.crt')}`,
    );
    expect(log).not.toMatch(/PRIVATE KEY|BEGIN/);
    expect((await httpsRequest('/healthz')).serial).toBe(second.serial);
    // The next good rewrite is taken.
    project(first.certFile, first.keyFile);
    const back = await within(
      5 * POLL_MS + 2_000,
      () => httpsRequest('/healthz'),
      (a) => a.serial === first.serial,
    );
    expect(back.serial).toBe(first.serial);
  });
});

describe('HSTS and Secure cookies over plain HTTP', () => {
  it('sends neither to a direct client, both behind a trusted TLS proxy', async () => {
    const plain = await startTestServer({ adminToken: TOKEN, trustedProxies: ['127.0.0.1'] });
    try {
      const direct = await plain.login(TOKEN);
      expect(direct.headers.get('strict-transport-security')).toBeNull();
      expect(direct.headers.get('set-cookie')).not.toMatch(/Secure/);
      const proxied = await plain.login(TOKEN, { 'x-forwarded-proto': 'https' });
      expect(proxied.headers.get('strict-transport-security')).toBe('max-age=31536000');
      expect(proxied.headers.get('set-cookie')).toMatch(/; Secure$/);
    } finally {
      await plain.stop();
    }
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
    const plain = await startTestServer({ adminToken: TOKEN });
    try {
      const forged = await plain.login(TOKEN, { 'x-forwarded-proto': 'https' });
      expect(forged.headers.get('strict-transport-security')).toBeNull();
      expect(forged.headers.get('set-cookie')).not.toMatch(/Secure/);
    } finally {
      await plain.stop();
    }
  });
});

describe('a pair that does not load at start', () => {
  it('stops `tideline start` with the file named and a nonzero exit', async () => {
    const run = await runCli(['start', '--tls-cert-file', first.certFile, '--tls-key-file', second.keyFile]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      `the TLS key file ${second.keyFile} does not match the certificate in ${first.certFile}`,
    );
    expect(run.stderr).not.toMatch(/PRIVATE KEY/);
  });

  it('refuses to start the HTTP server on an unreadable file', async () => {
    await expect(
      startTestServer({
        adminToken: TOKEN,
        tls: { certFile: join(dir, 'absent.crt'), keyFile: first.keyFile },
      }),
    ).rejects.toThrow(`cannot read the TLS certificate file ${join(dir, 'absent.crt')}: ENOENT`);
  });
});
