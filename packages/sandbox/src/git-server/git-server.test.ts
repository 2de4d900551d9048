import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isPortFree } from '../ports.js';
import { startGitServer, type GitServer } from './git-server.js';
import { InvalidRepositoryNameError } from './repository-name.js';

const run = promisify(execFile);
let scratch: string;

/** Runs the real git CLI, isolated from the machine's git config and never prompting. */
async function git(args: string[], cwd?: string): Promise<string> {
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: scratch,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Tideline Test',
    GIT_AUTHOR_EMAIL: 'test@tideline.invalid',
    GIT_COMMITTER_NAME: 'Tideline Test',
    GIT_COMMITTER_EMAIL: 'test@tideline.invalid',
  };
  const { stdout } = await run('git', args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

const basicHeader = (username: string, password: string): string =>
  `Authorization: Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/** Pids of this process's live children whose command name mentions git. */
async function gitChildren(): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
    if (match?.[2] === String(process.pid) && match[1]?.includes('git')) found.push(Number(entry));
  }
  return found;
}

/** One raw HTTP exchange, sending `path` exactly as given (no URL normalization). */
function rawRequest(
  url: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request(
      { hostname, port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.once('error', reject);
    req.end(init.body);
  });
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'tideline-git-server-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('git server without auth', () => {
  let server: GitServer;
  beforeAll(async () => {
    server = await startGitServer({ root: join(scratch, 'open') });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('clones an empty repository, pushes a commit and clones it back', async () => {
    const url = await server.createRepository('team/app');
    expect(url).toBe(`${server.url}/team/app.git`);
    const first = join(scratch, 'first');
    await git(['clone', '--quiet', url, first]);
    await writeFile(join(first, 'README.md'), '# hello\n');
    // More than http.postBuffer (1 MiB), so the push body is sent chunked, without Content-Length.
    await writeFile(join(first, 'noise.bin'), randomBytes(2 * 1024 * 1024));
    await git(['add', '.'], first);
    await git(['commit', '--quiet', '-m', 'first commit'], first);
    await git(['push', '--quiet', 'origin', 'HEAD:main'], first);
    const pushed = await git(['rev-parse', 'HEAD'], first);

    const second = join(scratch, 'second');
    await git(['clone', '--quiet', url, second]);
    expect(await git(['rev-parse', 'HEAD'], second)).toBe(pushed);
    expect(await git(['log', '-1', '--format=%s'], second)).toBe('first commit');
    expect(await readFile(join(second, 'README.md'), 'utf8')).toBe('# hello\n');
  });

  it('reuses an existing repository', async () => {
    const url = await server.createRepository('team/app.git');
    expect(url).toBe(`${server.url}/team/app.git`);
    expect(await git(['ls-remote', url, 'refs/heads/main'])).toMatch(/^[0-9a-f]{40}\trefs\/heads\/main$/);
  });

  it('passes gzip request bodies through to git http-backend', async () => {
    const url = await server.createRepository('team/app');
    const head = (await git(['ls-remote', url, 'refs/heads/main'])).slice(0, 40);
    const wantLine = `want ${head}\n`;
    const pkt = (line: string): string => `${(line.length + 4).toString(16).padStart(4, '0')}${line}`;
    const body = gzipSync(Buffer.from(`${pkt(wantLine)}0000${pkt('done\n')}`));
    const response = await rawRequest(server.url, '/team/app.git/git-upload-pack', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-git-upload-pack-request',
        'content-encoding': 'gzip',
        'content-length': String(body.length),
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-git-upload-pack-result');
    expect(response.body.subarray(0, 8).toString()).toBe('0008NAK\n');
    expect(response.body.includes('PACK')).toBe(true);
  });

  it('answers 404 for a repository that does not exist', async () => {
    const response = await rawRequest(server.url, '/missing.git/info/refs?service=git-upload-pack');
    expect(response.status).toBe(404);
  });

  it('refuses paths that leave the root', async () => {
    for (const path of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/team/app.git/../../../etc/passwd']) {
      expect((await rawRequest(server.url, path)).status, path).toBe(400);
    }
  });

  it('refuses invalid repository names', async () => {
    await expect(server.createRepository('../escape')).rejects.toThrow(InvalidRepositoryNameError);
    await expect(server.createRepository('a/b/c')).rejects.toThrow(InvalidRepositoryNameError);
  });
});

describe('git server with basic auth', () => {
  const auth = { username: 'flux', password: 'pa55:word' };
  let server: GitServer;
  let url: string;
  beforeAll(async () => {
    server = await startGitServer({ root: join(scratch, 'private'), auth });
    url = await server.createRepository('private');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('accepts a push and a clone with the right credentials', async () => {
    const header = basicHeader(auth.username, auth.password);
    const work = join(scratch, 'private-work');
    await git(['-c', `http.extraHeader=${header}`, 'clone', '--quiet', url, work]);
    await writeFile(join(work, 'a.txt'), 'a\n');
    await git(['add', '.'], work);
    await git(['commit', '--quiet', '-m', 'private commit'], work);
    await git(['-c', `http.extraHeader=${header}`, 'push', '--quiet', 'origin', 'HEAD:main'], work);
    const refs = await git(['-c', `http.extraHeader=${header}`, 'ls-remote', url]);
    expect(refs).toContain(await git(['rev-parse', 'HEAD'], work));
  });

  it('refuses wrong credentials', async () => {
    const withWrongPassword = new URL(url);
    withWrongPassword.username = auth.username;
    withWrongPassword.password = 'wrong';
    await expect(git(['ls-remote', withWrongPassword.href])).rejects.toThrow(/Authentication failed/);
    const response = await rawRequest(server.url, '/private.git/info/refs?service=git-upload-pack', {
      headers: { authorization: basicHeader(auth.username, 'wrong').slice('Authorization: '.length) },
    });
    expect(response.status).toBe(401);
  });

  it('refuses requests without credentials with a basic challenge', async () => {
    await expect(git(['ls-remote', url])).rejects.toThrow(
      /could not read Username|Authentication failed|401/,
    );
    const response = await rawRequest(server.url, '/private.git/info/refs?service=git-upload-pack');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Basic realm="tideline-sandbox"');
  });
});

describe('git server limits', () => {
  it('refuses bodies over the cap and requests over the time limit', async () => {
    const server = await startGitServer({
      root: join(scratch, 'limits'),
      maxBodyBytes: 64 * 1024,
      requestTimeoutMs: 1500,
    });
    try {
      const url = await server.createRepository('small');
      const work = join(scratch, 'limits-work');
      await git(['clone', '--quiet', url, work]);
      await writeFile(join(work, 'big.bin'), randomBytes(2 * 1024 * 1024));
      await git(['add', '.'], work);
      await git(['commit', '--quiet', '-m', 'too big'], work);
      await expect(git(['push', '--quiet', 'origin', 'HEAD:main'], work)).rejects.toThrow(
        /413|unexpected disconnect|remote end hung up/,
      );
      const declared = await rawRequest(server.url, '/small.git/git-receive-pack', {
        method: 'POST',
        headers: { 'content-length': String(1024 * 1024) },
      });
      expect(declared.status).toBe(413);

      // http-backend sends its 200 head before reading the body, so a stalled request can only be cut off.
      const { hostname, port } = new URL(server.url);
      const startedAt = Date.now();
      const outcome = await new Promise<string>((resolve) => {
        const hanging = request(
          {
            hostname,
            port,
            path: '/small.git/git-upload-pack',
            method: 'POST',
            headers: {
              'content-type': 'application/x-git-upload-pack-request',
              'transfer-encoding': 'chunked',
            },
          },
          (res) => {
            res.once('error', () => resolve('aborted'));
            res.once('end', () => resolve(res.complete ? `complete ${res.statusCode}` : 'aborted'));
            res.resume();
          },
        );
        hanging.once('error', () => resolve('aborted'));
        hanging.write('0000');
      });
      expect(outcome).toBe('aborted');
      expect(Date.now() - startedAt).toBeLessThan(4000);
      await expect.poll(gitChildren, { timeout: 2000 }).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

describe('git server shutdown', () => {
  it('frees its port and leaves no git processes behind, even mid-request', async () => {
    const server = await startGitServer({ root: join(scratch, 'shutdown') });
    await server.createRepository('slow');
    // An upload-pack request whose body never ends keeps a backend running until stop() kills it.
    const { hostname, port } = new URL(server.url);
    const pending = request({
      hostname,
      port,
      path: '/slow.git/git-upload-pack',
      method: 'POST',
      headers: { 'content-type': 'application/x-git-upload-pack-request', 'transfer-encoding': 'chunked' },
    });
    pending.on('error', () => undefined);
    pending.write('0000');
    await expect.poll(gitChildren, { timeout: 5000 }).not.toEqual([]);
    await server.stop();
    await server.stop();
    expect(await gitChildren()).toEqual([]);
    expect(await isPortFree(server.port)).toBe(true);
    pending.destroy();
  });
});
