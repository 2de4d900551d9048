import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSshKeyPair } from '../testing/sandbox.js';
import { afterAll, describe, expect, it } from 'vitest';
import { lsRemote } from './git-remote.js';
import { GitError } from './git-runner.js';
import { prepareGitTransport } from './git-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'git-transport-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PASSPHRASE = 'transport-Pass-9a2e';
const key = generateSshKeyPair('t', PASSPHRASE);
const hosts =
  '[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFohWI1qSj2EQiOpNjKxOAOPlbXCjia/zcdN9izMlCEr';
const options = { connectTimeoutSeconds: 10 };
const mode = (path: string): number => statSync(path).mode & 0o777;

/** A stand-in git that records its argv and environment, then fails. */
function fakeGit(): { bin: string; seen: () => { argv: string[]; env: Record<string, string> } } {
  const out = join(dir, 'seen.json');
  const bin = join(dir, 'git');
  writeFileSync(
    bin,
    `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ argv: process.argv.slice(2), env: process.env }));\nprocess.exit(128);\n`,
  );
  chmodSync(bin, 0o755);
  return {
    bin,
    seen: () => JSON.parse(readFileSync(out, 'utf8')) as { argv: string[]; env: Record<string, string> },
  };
}

describe('prepareGitTransport', () => {
  it('writes the SSH files privately, points GIT_SSH at the wrapper and cleans up', async () => {
    const transport = await prepareGitTransport(
      dir,
      'ssh://git@127.0.0.1:2222/r.git',
      { ssh: { identity: key.privateKey, knownHosts: hosts, password: PASSPHRASE } },
      options,
    );
    expect(transport?.kind).toBe('ssh');
    const wrapper = transport?.env.GIT_SSH ?? '';
    const home = join(wrapper, '..');
    expect(transport?.env.GIT_SSH_VARIANT).toBe('ssh');
    expect(mode(home)).toBe(0o700);
    for (const file of ['identity', 'known_hosts', 'passphrase', 'ssh_config'])
      expect(mode(join(home, file))).toBe(0o600);
    expect(mode(wrapper)).toBe(0o700);
    expect(readFileSync(join(home, 'identity'), 'utf8')).toBe(
      key.privateKey.endsWith('\n') ? key.privateKey : `${key.privateKey}\n`,
    );
    expect(transport?.secrets).toEqual([PASSPHRASE]);
    expect(JSON.stringify(transport?.env)).not.toContain(PASSPHRASE);
    await transport?.dispose();
    expect(existsSync(home)).toBe(false);
  });

  it('hands git only paths: no key, passphrase or known_hosts in its argv or environment', async () => {
    const transport = await prepareGitTransport(
      dir,
      'ssh://git@127.0.0.1:2222/r.git',
      { ssh: { identity: key.privateKey, knownHosts: hosts, password: PASSPHRASE } },
      options,
    );
    const git = fakeGit();
    await lsRemote('ssh://git@127.0.0.1:2222/r.git', ['refs/heads/main'], {
      gitBin: git.bin,
      timeoutMs: 10_000,
      transport,
    }).catch(() => undefined);
    const seen = JSON.stringify(git.seen());
    for (const secret of [
      PASSPHRASE,
      key.privateKey.split('\n')[1] ?? '',
      'AAAAC3NzaC1lZDI1NTE5AAAAIFohWI1qSj2EQiOpNjKxOAOPlbXCjia',
    ])
      expect(seen).not.toContain(secret);
    await transport?.dispose();
  });

  it('refuses a wrong passphrase as go-git does, before any connection, leaving nothing behind', async () => {
    const before = new Set(readdirNames());
    const error = await prepareGitTransport(
      dir,
      'ssh://git@h/r.git',
      { ssh: { identity: key.privateKey, knownHosts: hosts, password: 'wrong-passphrase' } },
      options,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toBe(
      'unable to construct auth method with options: x509: decryption password incorrect',
    );
    expect(readdirNames().filter((n) => !before.has(n))).toEqual([]);
  });

  it('scopes TLS files to the URL and adds ca.crt to the system bundle', async () => {
    const system = join(dir, 'system.pem');
    writeFileSync(system, 'SYSTEM-ROOTS\n');
    const url = 'https://git.example/r.git';
    const transport = await prepareGitTransport(
      dir,
      url,
      { tls: { caPem: 'CUSTOM-CA', certPem: 'CERT', keyPem: 'KEY' } },
      { ...options, systemCaBundle: system },
    );
    const config = new Map(transport?.config);
    expect([...config.keys()]).toEqual([
      `http.${url}.sslCAInfo`,
      `http.${url}.sslCert`,
      `http.${url}.sslKey`,
    ]);
    expect(readFileSync(config.get(`http.${url}.sslCAInfo`) ?? '', 'utf8')).toBe('SYSTEM-ROOTS\nCUSTOM-CA\n');
    expect(mode(config.get(`http.${url}.sslKey`) ?? '')).toBe(0o600);
    await transport?.dispose();
  });

  it('needs nothing for plain HTTP(S) without TLS material, or TLS material on an http:// URL', async () => {
    expect(await prepareGitTransport(dir, 'https://h/r.git', {}, options)).toBeUndefined();
    expect(
      await prepareGitTransport(dir, 'http://h/r.git', { tls: { caPem: 'CA' } }, options),
    ).toBeUndefined();
  });
});

function readdirNames(): string[] {
  return readdirSync(dir);
}
