/**
 * The files that make git talk to an SSH remote with only the key and known_hosts of a Secret.
 *
 * Why a wrapper program: git's `core.sshCommand` and `GIT_SSH_COMMAND` are run through `sh -c`
 * whenever they contain a space, so they cannot carry `-F <config>` without a shell. `GIT_SSH`
 * is different: git executes it directly (argv, no shell) as `$GIT_SSH [-o SendEnv=GIT_PROTOCOL]
 * [-p port] [user@]host <command>`, and `GIT_SSH_VARIANT=ssh` tells git which options it speaks.
 * So `GIT_SSH` points at a tiny Node program we write (`#!<node>`, started by the kernel) that
 * spawns OpenSSH with argv `['-F', <our config>, ...git's arguments]`. `-F` also means that
 * neither `/etc/ssh/ssh_config` nor `~/.ssh/config` is read.
 */

/** Where the per-reconcile SSH files live (all inside one private 0700 directory). */
export interface SshClientPaths {
  config: string;
  identity: string;
  knownHosts: string;
  /** Present only when the key is encrypted and the Secret gave a `password`. */
  passphrase?: string;
  askpass?: string;
}

// ssh_config expands `%` tokens and `${VAR}` in these paths and splits on spaces and quotes, so
// only plain characters are allowed; the directory is ours (a mkdtemp under the work dir).
const PLAIN_PATH = /^\/[A-Za-z0-9._/+@,=-]*$/;

/** Whether ssh_config can hold `path` verbatim. Pure. */
export function isPlainSshConfigPath(path: string): boolean {
  return PLAIN_PATH.test(path);
}

/**
 * An ssh_config that trusts only the Secret's key and known_hosts: strict host key checking, no
 * agent, no password or keyboard prompts, no forwarding, no proxy, no connection sharing. With
 * no passphrase file the run is `BatchMode yes` (nothing may prompt); with one, ssh asks the
 * askpass program instead (BatchMode would stop it from decrypting the key). `User git` is
 * Flux's default when the URL names no user. `pin` (the address policy's `Host` block) comes
 * first, so its `HostName` wins. Pure.
 */
export function sshClientConfig(
  paths: SshClientPaths,
  connectTimeoutSeconds: number,
  pin: readonly string[] = [],
): string {
  return [
    '# Written by Tideline for one Git operation and read with `ssh -F`; no other ssh config applies.',
    ...pin,
    'Host *',
    '  User git',
    `  IdentityFile ${paths.identity}`,
    '  IdentitiesOnly yes',
    '  IdentityAgent none',
    `  UserKnownHostsFile ${paths.knownHosts}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  UpdateHostKeys no',
    '  CheckHostIP no',
    '  PubkeyAuthentication yes',
    '  PasswordAuthentication no',
    '  KbdInteractiveAuthentication no',
    `  BatchMode ${paths.passphrase ? 'no' : 'yes'}`,
    `  ConnectTimeout ${Math.max(1, Math.ceil(connectTimeoutSeconds))}`,
    '  ForwardAgent no',
    '  ForwardX11 no',
    '  ClearAllForwardings yes',
    '  ControlMaster no',
    '  ControlPath none',
    '  PermitLocalCommand no',
    '  ProxyCommand none',
    '  ProxyJump none',
    '  LogLevel ERROR',
    '',
  ].join('\n');
}

/**
 * The `GIT_SSH` program: runs `ssh -F <config> …args` with argv, passes signals and the exit
 * code through. With a passphrase, ssh is told to ask `askpass` (never a terminal). Pure.
 */
export function sshWrapperScript(nodePath: string, sshBin: string, paths: SshClientPaths): string {
  const env = paths.askpass
    ? { SSH_ASKPASS: paths.askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: 'none' }
    : {};
  return [
    `#!${nodePath}`,
    "'use strict';",
    "const { spawn } = require('node:child_process');",
    `const env = { ...process.env, ...${JSON.stringify(env)} };`,
    `const child = spawn(${JSON.stringify(sshBin)}, ['-F', ${JSON.stringify(paths.config)}, ...process.argv.slice(2)], { stdio: 'inherit', env, shell: false });`,
    "for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));",
    "child.on('error', (error) => { process.stderr.write(`ssh: ${error.message}\\n`); process.exit(255); });",
    "child.on('exit', (code, signal) => process.exit(code ?? (signal ? 255 : 0)));",
    '',
  ].join('\n');
}

/** The askpass program: prints the passphrase file, which only this user can read. Pure. */
export function askpassScript(nodePath: string, passphrasePath: string): string {
  return [
    `#!${nodePath}`,
    "'use strict';",
    `process.stdout.write(require('node:fs').readFileSync(${JSON.stringify(passphrasePath)}, 'utf8') + '\\n');`,
    '',
  ].join('\n');
}
