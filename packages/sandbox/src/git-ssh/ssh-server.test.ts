import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateSshKeyPair, knownHostsLine } from './ssh-keys.js';
import { startGitSshServer, type GitSshServer } from './ssh-server.js';

const run = promisify(execFile);
let scratch: string;
let server: GitSshServer;
const allowed = generateSshKeyPair('allowed');
const stranger = generateSshKeyPair('stranger');

/** git with OpenSSH pointed at one key and one known_hosts file, nothing from the machine. */
async function git(args: string[], keyFile: string, cwd?: string): Promise<string> {
  const knownHosts = join(scratch, 'known_hosts');
  const ssh = `ssh -F /dev/null -i ${keyFile} -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes -o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes`;
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: scratch,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_SSH_COMMAND: ssh,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@t.invalid',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@t.invalid',
  };
  const { stdout } = await run('git', args, { cwd, env });
  return stdout.trim();
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'git-ssh-'));
  server = await startGitSshServer({ root: join(scratch, 'repos'), authorizedKeys: [allowed.publicKey] });
  await writeFile(join(scratch, 'known_hosts'), `${server.knownHosts}\n`);
  await writeFile(join(scratch, 'allowed'), allowed.privateKey, { mode: 0o600 });
  await writeFile(join(scratch, 'stranger'), stranger.privateKey, { mode: 0o600 });
});

afterAll(async () => {
  await server?.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe('startGitSshServer', () => {
  it('pushes and clones over ssh:// with an authorized key', async () => {
    const url = await server.createRepository('team/app');
    expect(url).toBe(`${server.url}/team/app.git`);
    const work = join(scratch, 'work');
    await run('git', ['init', '-q', '-b', 'main', work]);
    await writeFile(join(work, 'a.txt'), 'hello\n');
    await git(['add', '.'], '', work);
    await git(['commit', '-q', '-m', 'first'], '', work);
    await git(['push', '-q', url, 'main'], join(scratch, 'allowed'), work);
    const head = await git(['rev-parse', 'HEAD'], '', work);
    const listed = await git(['ls-remote', url, 'refs/heads/main'], join(scratch, 'allowed'));
    expect(listed).toBe(`${head}\trefs/heads/main`);
    await git(['clone', '-q', url, join(scratch, 'clone')], join(scratch, 'allowed'));
  });

  it('refuses a key that is not authorized', async () => {
    const url = await server.createRepository('app2');
    await expect(git(['ls-remote', url], join(scratch, 'stranger'))).rejects.toThrow(
      /Permission denied \(publickey\)/,
    );
  });

  it('runs nothing but the two git services', async () => {
    await expect(
      run('ssh', [
        '-F',
        '/dev/null',
        '-i',
        join(scratch, 'allowed'),
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'BatchMode=yes',
        '-o',
        `UserKnownHostsFile=${join(scratch, 'known_hosts')}`,
        '-p',
        String(server.port),
        'git@127.0.0.1',
        'id',
      ]),
    ).rejects.toThrow(/unsupported command/);
  });
});

describe('ssh keys', () => {
  it('writes known_hosts lines with the port in brackets unless it is 22', () => {
    expect(knownHostsLine('127.0.0.1', 2222, 'ssh-ed25519 AAAA c')).toBe('[127.0.0.1]:2222 ssh-ed25519 AAAA');
    expect(knownHostsLine('git.example', 22, 'ssh-rsa BBBB')).toBe('git.example ssh-rsa BBBB');
  });

  it('encrypts a private key with a passphrase', () => {
    const pair = generateSshKeyPair('enc', 'pa55phrase');
    expect(ssh2.utils.parseKey(pair.privateKey)).toBeInstanceOf(Error);
    expect(ssh2.utils.parseKey(pair.privateKey, 'pa55phrase')).not.toBeInstanceOf(Error);
  });
});
