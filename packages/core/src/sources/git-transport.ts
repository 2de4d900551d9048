import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess } from '../render/subprocess.js';
import type { GitConfigEntry } from './git-config-env.js';
import { AddressRefusedError, type AddressPolicy } from './address-policy.js';
import { sshHostPin } from './git-address-pin.js';
import { cloneError, GitError } from './git-runner.js';
import { sshFailure } from './git-transport-errors.js';
import {
  askpassScript,
  isPlainSshConfigPath,
  sshClientConfig,
  sshWrapperScript,
  type SshClientPaths,
} from './ssh-client-files.js';

/** An SSH identity from a Secret (`identity`, `known_hosts`, optional `password`). */
export interface SshTransportAuth {
  identity: string;
  knownHosts: string;
  password?: string;
}

/** TLS material from a Secret: `ca.crt` (custom CA) and `tls.crt` + `tls.key` (client certificate). */
export interface TlsTransportAuth {
  caPem?: string;
  certPem?: string;
  keyPem?: string;
}

/** What a remote needs beyond HTTP credentials. */
export interface GitTransportAuth {
  ssh?: SshTransportAuth;
  tls?: TlsTransportAuth;
}

/** Settings git needs for one remote: config entries and environment, plus strings to redact. */
export interface GitTransportSettings {
  kind: 'ssh' | 'tls';
  config: readonly GitConfigEntry[];
  env: Readonly<Record<string, string>>;
  secrets: readonly string[];
}

/** Prepared settings whose files live until {@link GitTransport.dispose}. */
export interface GitTransport extends GitTransportSettings {
  dispose(): Promise<void>;
}

/** Options for {@link prepareGitTransport}. */
export interface GitTransportOptions {
  /** Node binary for the `GIT_SSH` wrapper; the running one by default. */
  nodePath?: string;
  sshBin?: string;
  sshKeygenBin?: string;
  /** Seconds before an SSH connection attempt gives up. */
  connectTimeoutSeconds: number;
  /** System CA bundle that a custom `ca.crt` is added to (as Go adds it to the system pool). */
  systemCaBundle?: string;
  /** Destinations refused: an SSH host is checked and pinned to the address checked. */
  addressPolicy?: AddressPolicy;
}

const DEBIAN_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

async function writePrivate(path: string, content: string, mode = 0o600): Promise<string> {
  await writeFile(path, content, { mode, flag: 'wx' });
  await chmod(path, mode);
  return path;
}

/**
 * Loads the key once with `ssh-keygen -y` (through the same askpass, never a terminal), so a
 * wrong passphrase or a malformed key is reported as Flux reports it, before any connection:
 * ssh itself would silently skip an unusable key and only say "Permission denied".
 */
async function checkIdentity(paths: SshClientPaths, options: GitTransportOptions): Promise<void> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LC_ALL: 'C',
    SSH_ASKPASS: paths.askpass ?? '/bin/false',
    SSH_ASKPASS_REQUIRE: 'force',
    DISPLAY: 'none',
  };
  const res = await runProcess(options.sshKeygenBin ?? 'ssh-keygen', ['-y', '-f', paths.identity], {
    env,
    timeoutMs: 30_000,
  });
  if (res.code === 0) return;
  const failure = sshFailure(res.stderr);
  throw new GitError(
    `unable to construct auth method with options: ${failure?.message ?? 'ssh: no key found'}`,
    'auth-method',
  );
}

/** The ssh_config lines that pin the remote's host under the address policy (none without one). */
async function sshPin(url: string, options: GitTransportOptions): Promise<string[]> {
  if (!options.addressPolicy) return [];
  try {
    return await sshHostPin(url, options.addressPolicy);
  } catch (error) {
    if (error instanceof AddressRefusedError) throw cloneError(url, new GitError(error.message, 'failed'));
    throw error;
  }
}

async function sshSettings(
  dir: string,
  url: string,
  ssh: SshTransportAuth,
  options: GitTransportOptions,
): Promise<GitTransportSettings> {
  if (!isPlainSshConfigPath(dir))
    throw new Error(
      `work directory '${dir}' cannot be named in an ssh config; use a path of plain characters`,
    );
  const nodePath = options.nodePath ?? process.execPath;
  // The wrapper is started by the kernel through its `#!` line, which cannot hold whitespace.
  if (/\s/.test(nodePath))
    throw new Error(`node binary '${nodePath}' cannot be named in a #! line; use a path without whitespace`);
  const paths: SshClientPaths = {
    config: join(dir, 'ssh_config'),
    identity: await writePrivate(join(dir, 'identity'), withNewline(ssh.identity)),
    knownHosts: await writePrivate(join(dir, 'known_hosts'), withNewline(ssh.knownHosts)),
  };
  if (ssh.password) {
    paths.passphrase = await writePrivate(join(dir, 'passphrase'), ssh.password);
    paths.askpass = await writePrivate(
      join(dir, 'askpass.cjs'),
      askpassScript(nodePath, paths.passphrase),
      0o700,
    );
  }
  await checkIdentity(paths, options);
  const pin = await sshPin(url, options);
  await writePrivate(paths.config, sshClientConfig(paths, options.connectTimeoutSeconds, pin));
  const wrapper = await writePrivate(
    join(dir, 'ssh.cjs'),
    sshWrapperScript(nodePath, options.sshBin ?? 'ssh', paths),
    0o700,
  );
  return {
    kind: 'ssh',
    config: [],
    env: { GIT_SSH: wrapper, GIT_SSH_VARIANT: 'ssh' },
    secrets: ssh.password && ssh.password.length >= 3 ? [ssh.password] : [],
  };
}

/** URL-scoped `http.<url>.ssl*` entries pointing at files written from the Secret. */
async function tlsSettings(
  dir: string,
  url: string,
  tls: TlsTransportAuth,
  options: GitTransportOptions,
): Promise<GitTransportSettings> {
  const config: GitConfigEntry[] = [];
  if (tls.caPem) {
    // go-git appends ca.crt to the system pool; curl's CAINFO replaces it, so write both.
    const system = await readFile(options.systemCaBundle ?? DEBIAN_CA_BUNDLE, 'utf8').catch(() => '');
    config.push([
      `http.${url}.sslCAInfo`,
      await writePrivate(join(dir, 'ca.crt'), withNewline(system) + withNewline(tls.caPem)),
    ]);
  }
  if (tls.certPem && tls.keyPem) {
    config.push([`http.${url}.sslCert`, await writePrivate(join(dir, 'tls.crt'), withNewline(tls.certPem))]);
    config.push([`http.${url}.sslKey`, await writePrivate(join(dir, 'tls.key'), withNewline(tls.keyPem))]);
  }
  return { kind: 'tls', config, env: {}, secrets: [] };
}

/**
 * Writes what `auth` needs into a fresh 0700 directory under `parentDir` (keys and
 * certificates 0600) and returns the git settings that use it, or undefined when nothing is
 * needed. Nothing secret goes into argv or the URL. Call `dispose` when the operation is over.
 */
export async function prepareGitTransport(
  parentDir: string,
  url: string,
  auth: GitTransportAuth,
  options: GitTransportOptions,
): Promise<GitTransport | undefined> {
  const tlsNeeded =
    auth.tls && (auth.tls.caPem || (auth.tls.certPem && auth.tls.keyPem)) && url.startsWith('https://');
  if (!auth.ssh && !tlsNeeded) return undefined;
  const dir = await mkdtemp(join(parentDir, 'git-transport-'));
  const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    await chmod(dir, 0o700);
    const settings = auth.ssh
      ? await sshSettings(dir, url, auth.ssh, options)
      : await tlsSettings(dir, url, auth.tls ?? {}, options);
    return { ...settings, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
