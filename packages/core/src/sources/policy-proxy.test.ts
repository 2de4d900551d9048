import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitWorkTree } from '../testing/git-fixture.js';
import { startGitServer, type GitServer } from '../testing/sandbox.js';
import { startPolicyProxy, type PolicyProxy } from './policy-proxy.js';

/**
 * The proxy kustomize (and the git it runs) goes through when remote bases are allowed under an
 * address policy: real sockets, real git. 127.0.0.1 is allowed (an exception), 127.0.0.2 not.
 */
const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'policy-proxy-'));
let proxy: PolicyProxy;
let good: Server;
let bad: Server;
let git: GitServer;
let badGit: GitServer;
let work: GitWorkTree;
const reached: string[] = [];

async function listen(host: string, name: string): Promise<Server> {
  const server = createServer((req, res) => {
    reached.push(`${name}${req.url ?? ''}`);
    res.end(`hello from ${name}`);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return server;
}
const port = (server: Server): number => (server.address() as AddressInfo).port;

/** Sends raw bytes to the proxy and resolves everything it answers until it closes or goes quiet. */
function exchange(send: string, then?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(proxy.url).port), '127.0.0.1');
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    const settle = (): void => {
      socket.destroy();
      resolve(text);
    };
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (then && text.startsWith('HTTP/1.1 200') && !text.includes('hello')) socket.write(then);
      clearTimeout(timer);
      timer = setTimeout(settle, 300);
    });
    socket.on('end', settle);
    socket.on('error', reject);
    socket.write(send);
  });
}

beforeAll(async () => {
  proxy = await startPolicyProxy({ refuseInternal: true, allow: ['127.0.0.1'] });
  good = await listen('127.0.0.1', 'good');
  bad = await listen('127.0.0.2', 'bad');
  git = await startGitServer({ root: join(scratch, 'repos'), host: '127.0.0.1' });
  badGit = await startGitServer({ root: join(scratch, 'repos'), host: '127.0.0.2' });
  work = new GitWorkTree(await git.createRepository('r'));
  await work.commit({ 'a.txt': 'a\n' });
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  for (const server of [good, bad]) server?.close();
  for (const server of [git, badGit]) await server?.stop();
  work?.remove();
  rmSync(scratch, { recursive: true, force: true });
});

describe('startPolicyProxy', () => {
  it('tunnels CONNECT to an allowed address', async () => {
    const answer = await exchange(
      `CONNECT 127.0.0.1:${port(good)} HTTP/1.1\r\nhost: x\r\n\r\n`,
      `GET /tunnelled HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1.1 200 Connection Established/);
    expect(answer).toContain('hello from good');
  });

  it('refuses CONNECT to a forbidden address without connecting, and remembers why', async () => {
    reached.length = 0;
    const answer = await exchange(`CONNECT 127.0.0.2:${port(bad)} HTTP/1.1\r\nhost: x\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1.1 403 Forbidden/);
    expect(answer).toContain('refusing to connect to 127.0.0.2, a loopback address (engine address policy)');
    expect(reached).toEqual([]);
    expect(proxy.refused).toContain(
      'refusing to connect to 127.0.0.2, a loopback address (engine address policy)',
    );
  });

  it('forwards plain HTTP to allowed addresses only', async () => {
    reached.length = 0;
    const ok = await exchange(
      `GET http://127.0.0.1:${port(good)}/plain HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
    );
    expect(ok).toMatch(/^HTTP\/1.1 200/);
    expect(ok).toContain('hello from good');
    const refused = await exchange(
      `GET http://169.254.169.254/latest/meta-data/ HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
    );
    expect(refused).toMatch(/^HTTP\/1.1 403/);
    expect(refused).toContain('refusing to connect to 169.254.169.254, a cloud metadata address');
    expect(reached).toEqual(['good/plain']);
  });

  it('holds git (curl) to the policy, loopback included', async () => {
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: scratch,
      GIT_CONFIG_NOSYSTEM: '1',
      http_proxy: proxy.url,
      GIT_TERMINAL_PROMPT: '0',
    };
    const { stdout } = await run('git', ['ls-remote', '--', `http://127.0.0.1:${git.port}/r.git`], { env });
    expect(stdout).toContain('refs/heads/main');
    const refused = await run('git', ['ls-remote', '--', `http://127.0.0.2:${badGit.port}/r.git`], {
      env,
    }).catch((e: { stderr: string }) => e);
    expect((refused as { stderr: string }).stderr).toContain('403');
  });
});
