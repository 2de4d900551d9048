import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  credentialSecrets,
  httpAuthConfig,
  redactSecrets,
  redactUrl,
} from './git-auth.js';
import { gitConfigEnvironment } from './git-config-env.js';
import { lsRemote } from './git-remote.js';
import { GitError } from './git-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'fake-git-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in git that records its argv and environment, then fails like a 401 would. */
function fakeGit(): { bin: string; seen: () => { argv: string[]; env: Record<string, string> } } {
  const out = join(dir, 'seen.json');
  const bin = join(dir, 'git');
  writeFileSync(
    bin,
    `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ argv: process.argv.slice(2), env: process.env }));\n` +
      `process.stderr.write("fatal: Authentication failed for 'http://h/r.git/'\\n"); process.exit(128);\n`,
  );
  chmodSync(bin, 0o755);
  return {
    bin,
    seen: () => JSON.parse(readFileSync(out, 'utf8')) as { argv: string[]; env: Record<string, string> },
  };
}

describe('git credentials', () => {
  const basic = { kind: 'basic' as const, username: 'alice', password: 's3cret-pw' };

  it('builds the Authorization header for basic and bearer', () => {
    expect(authorizationHeader(basic)).toBe(`Basic ${Buffer.from('alice:s3cret-pw').toString('base64')}`);
    expect(authorizationHeader({ kind: 'bearer', token: 'tkn' })).toBe('Bearer tkn');
  });

  it('scopes the header to the remote URL and turns redirects off', () => {
    expect(gitConfigEnvironment(httpAuthConfig('http://h/r.git', basic))).toEqual({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.http://h/r.git.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: ${authorizationHeader(basic)}`,
      GIT_CONFIG_KEY_1: 'http.followRedirects',
      GIT_CONFIG_VALUE_1: 'false',
    });
    expect(gitConfigEnvironment(httpAuthConfig('http://h/r.git', undefined))).toEqual({});
  });

  it('passes credentials to git in its environment, never in argv, and keeps them out of errors', async () => {
    const git = fakeGit();
    const error = await lsRemote('http://h/r.git', ['refs/heads/main'], {
      gitBin: git.bin,
      timeoutMs: 10_000,
      credentials: basic,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).kind).toBe('auth');
    expect((error as GitError).message).toBe("unable to clone 'http://h/r.git': authentication required");
    const { argv, env } = git.seen();
    const header = authorizationHeader(basic);
    expect(argv.join(' ')).not.toContain('s3cret-pw');
    expect(argv.join(' ')).not.toContain(header.slice(6));
    expect(argv).toContain('http://h/r.git');
    expect(env.GIT_CONFIG_VALUE_0).toBe(`Authorization: ${header}`);
    expect(env.GIT_TERMINAL_PROMPT).toBe('0');
  });

  it('redacts every form of a secret from text and passwords from URLs', () => {
    const text = `failed with s3cret-pw and ${authorizationHeader(basic)}`;
    expect(redactSecrets(text, credentialSecrets(basic))).toBe('failed with *** and ***');
    expect(redactUrl('https://bob:hunter22@git.example/r.git')).toBe('https://bob:***@git.example/r.git');
    expect(redactUrl('https://git.example/r.git')).toBe('https://git.example/r.git');
  });
});
