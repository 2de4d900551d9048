import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateTestPki, type TestPki } from '../tls/test-pki.js';
import { startGitServer, type GitServer } from './git-server.js';

const run = promisify(execFile);
let scratch: string;
let pki: TestPki;
let server: GitServer;
let mtls: GitServer;

/** `git ls-remote` with only the TLS files given (no system or user config). */
async function lsRemote(url: string, tls: { ca?: boolean; client?: boolean }): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: scratch,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
  };
  if (tls.ca) env['GIT_SSL_CAINFO'] = join(scratch, 'ca.crt');
  if (tls.client) {
    env['GIT_SSL_CERT'] = join(scratch, 'client.crt');
    env['GIT_SSL_KEY'] = join(scratch, 'client.key');
  }
  const { stdout } = await run('git', ['ls-remote', url], { env });
  return stdout;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'git-tls-'));
  pki = await generateTestPki(join(scratch, 'pki'));
  await writeFile(join(scratch, 'ca.crt'), pki.ca.cert);
  await writeFile(join(scratch, 'client.crt'), pki.client.cert);
  await writeFile(join(scratch, 'client.key'), pki.client.key, { mode: 0o600 });
  const root = join(scratch, 'repos');
  server = await startGitServer({ root, tls: { cert: pki.server.cert, key: pki.server.key } });
  mtls = await startGitServer({
    root,
    tls: { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca.cert },
  });
  await server.createRepository('app');
});

afterAll(async () => {
  await server?.stop();
  await mtls?.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe('git server over HTTPS', () => {
  it('serves https:// URLs that verify against the sandbox CA', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await expect(lsRemote(`${server.url}/app.git`, { ca: true })).resolves.toBe('');
  });

  it('is refused by a client that does not trust the CA', async () => {
    await expect(lsRemote(`${server.url}/app.git`, {})).rejects.toThrow(
      /server certificate verification failed|SSL certificate problem/,
    );
  });

  it('requires a client certificate signed by the CA when clientCa is set', async () => {
    await expect(lsRemote(`${mtls.url}/app.git`, { ca: true })).rejects.toThrow(
      /The requested URL returned error: 400/,
    );
    await expect(lsRemote(`${mtls.url}/app.git`, { ca: true, client: true })).resolves.toBe('');
  });
});
