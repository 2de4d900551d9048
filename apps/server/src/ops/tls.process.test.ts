import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestPki, startSandbox, type Sandbox, type TestPki } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlessArgs, startServerProcess, type ServerProcess } from '../testing/server-process.js';

// `tideline start --tls-cert-file … --tls-key-file …` as a real process on the sandbox: HTTPS on
// every interface without --insecure-listen, HSTS, and the certificate named in the log.

let dir: string;
let sandbox: Sandbox;
let pki: TestPki;
let server: ServerProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-tls-process-'));
  pki = await generateTestPki(join(dir, 'pki'));
  sandbox = await startSandbox({ dir: join(dir, 'sandbox'), podStartDelayMs: 100 });
  server = await startServerProcess([
    ...headlessArgs(sandbox.kubeconfigPath, join(dir, 'state')),
    '--host',
    '0.0.0.0',
    '--tls-cert-file',
    join(dir, 'pki', 'server.crt'),
    '--tls-key-file',
    join(dir, 'pki', 'server.key'),
  ]);
});

afterAll(async () => {
  server?.child.kill('SIGKILL');
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('tideline start serving TLS', () => {
  it('serves HTTPS on a non-loopback --host without --insecure-listen, with HSTS', async () => {
    expect(server.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
    const port = new URL(server.url).port;
    const answer = await new Promise<{ status: number; hsts: unknown }>((resolve, reject) => {
      const req = request(`https://127.0.0.1:${port}/healthz`, { ca: pki.ca.cert, agent: false }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'] });
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer).toEqual({ status: 200, hsts: 'max-age=31536000' });
    expect(server.stderr.join('\n')).toMatch(/serving TLS: subject "CN=tideline-sandbox-server", serial /);
    expect(server.stderr.join('\n')).not.toMatch(/--insecure-listen|PRIVATE KEY/);
  });
});
