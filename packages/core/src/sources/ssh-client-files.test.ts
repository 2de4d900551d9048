import { describe, expect, it } from 'vitest';
import {
  askpassScript,
  isPlainSshConfigPath,
  sshClientConfig,
  sshWrapperScript,
} from './ssh-client-files.js';

const paths = { config: '/w/t/ssh_config', identity: '/w/t/identity', knownHosts: '/w/t/known_hosts' };

describe('sshClientConfig', () => {
  const lines = (text: string): string[] => text.split('\n').map((l) => l.trim());

  it('trusts only the Secret key and known_hosts, strictly, with nothing that can prompt', () => {
    const config = lines(sshClientConfig(paths, 60));
    for (const expected of [
      'IdentityFile /w/t/identity',
      'IdentitiesOnly yes',
      'IdentityAgent none',
      'UserKnownHostsFile /w/t/known_hosts',
      'GlobalKnownHostsFile /dev/null',
      'StrictHostKeyChecking yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'BatchMode yes',
      'ProxyCommand none',
      'ControlMaster no',
      'User git',
      'ConnectTimeout 60',
    ]) {
      expect(config).toContain(expected);
    }
  });

  it('lets ssh ask the askpass program (not BatchMode) when the key has a passphrase', () => {
    const config = lines(
      sshClientConfig({ ...paths, passphrase: '/w/t/passphrase', askpass: '/w/t/askpass.cjs' }, 0.2),
    );
    expect(config).toContain('BatchMode no');
    expect(config).toContain('ConnectTimeout 1');
  });
});

describe('sshWrapperScript', () => {
  it('runs ssh with -F and git’s arguments as argv, never through a shell', () => {
    const script = sshWrapperScript('/usr/bin/node', 'ssh', paths);
    expect(script.startsWith('#!/usr/bin/node\n')).toBe(true);
    expect(script).toContain(`spawn("ssh", ['-F', "/w/t/ssh_config", ...process.argv.slice(2)]`);
    expect(script).toContain('shell: false');
    expect(script).not.toContain('SSH_ASKPASS');
  });

  it('points ssh at askpass, forced, only with a passphrase', () => {
    const script = sshWrapperScript('/usr/bin/node', 'ssh', {
      ...paths,
      passphrase: '/w/t/p',
      askpass: '/w/t/askpass.cjs',
    });
    expect(script).toContain('"SSH_ASKPASS":"/w/t/askpass.cjs","SSH_ASKPASS_REQUIRE":"force"');
    expect(askpassScript('/usr/bin/node', '/w/t/p')).toContain('readFileSync("/w/t/p"');
  });
});

describe('isPlainSshConfigPath', () => {
  it.each([
    ['/var/lib/tideline/tmp/git-transport-AbC123', true],
    ['/tmp/with space', false],
    ['/tmp/100%', false],
    ['/tmp/${HOME}', false],
    ['relative/path', false],
  ])('%s', (path, expected) => expect(isPlainSshConfigPath(path)).toBe(expected));
});
